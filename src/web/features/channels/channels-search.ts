// The Channels page's search params: where the OAuth callback sends the browser back
// (`?connected=x`, or `?error=access_denied&provider=x&message=…`).

export interface ChannelsSearch {
  connected?: 'x' | 'linkedin';
  error?: string;
  provider?: string;
  message?: string;
}

function text(search: Record<string, unknown>, key: string, max = 300): string | undefined {
  const value = search[key];
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;
}

export function validateChannelsSearch(search: Record<string, unknown>): ChannelsSearch {
  const connected = text(search, 'connected');
  return {
    connected: connected === 'x' || connected === 'linkedin' ? connected : undefined,
    error: text(search, 'error', 100),
    provider: text(search, 'provider', 20),
    message: text(search, 'message'),
  };
}
