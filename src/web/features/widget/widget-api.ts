// Response shapes of the widget API (issue 6 contract) as the Widget page reads them.

export const widgetPositions = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
export const widgetSizes = ['small', 'medium', 'large'] as const;

export interface WidgetConfig {
  title: string;
  colors: { primary: string; background: string; text: string };
  position: (typeof widgetPositions)[number];
  size: (typeof widgetSizes)[number];
  showDate: boolean;
  showCategory: boolean;
  showNewBadge: boolean;
}

export interface Widget {
  id: string;
  config: WidgetConfig;
  impressions: number;
  clicks: number;
  embedSnippet: string;
  publicChangelogUrl: string;
}

export interface WidgetStats {
  totals: { impressions: number; clicks: number };
  entries: { entryId: string; title: string; impressions: number; clicks: number }[];
}

export const positionLabels: Record<WidgetConfig['position'], string> = {
  'bottom-right': 'Bottom right',
  'bottom-left': 'Bottom left',
  'top-right': 'Top right',
  'top-left': 'Top left',
};

export const sizeLabels: Record<WidgetConfig['size'], string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
};
