// Response shapes the UI relies on. Kept here rather than imported from the
// server so the SPA builds on its own; only fields the UI reads are listed.

export type WorkspaceRole = 'owner' | 'admin' | 'member' | 'viewer';
export type StaffRole = 'super_admin' | 'admin' | 'support';
export type Language = 'en' | 'fr';

export interface NotificationPreferences {
  productUpdates: boolean;
  usageWarnings: boolean;
  billing: boolean;
  weeklyDigest: boolean;
}

export interface OnboardingState {
  completedSteps: string[];
  dismissed: boolean;
}

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  language: Language;
  timezone: string;
  notificationPreferences: NotificationPreferences;
  onboarding: OnboardingState;
  deletionScheduledFor: string | null;
  createdAt: string;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  slug: string;
  role: WorkspaceRole;
  isPersonal: boolean;
}

export interface Me {
  user: CurrentUser;
  staffRole: StaffRole | null;
  workspaces: WorkspaceSummary[];
}

export interface UpdateMeBody {
  name?: string;
  language?: Language;
  timezone?: string;
  notificationPreferences?: NotificationPreferences;
  onboarding?: OnboardingState;
}

export interface UserSession {
  id: string;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  expiresAt: string;
  isCurrent: boolean;
}

export interface Workspace extends WorkspaceSummary {
  timezone: string;
  createdAt: string;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
}

export interface PublicInvitation {
  workspaceName: string;
  email: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  expiresAt: string;
}

export interface BrandProfile {
  brandName: string | null;
  primaryColor: string | null;
  secondaryColor: string | null;
  fonts: string | null;
  specialties: string | null;
  ambiance: string | null;
  targetAudience: string | null;
  uniqueSellingPoints: string | null;
  personality: string | null;
  tone: string | null;
  keyMessages: string | null;
  updatedAt: string | null;
}

export type ApiKeyScope = 'read' | 'read_write';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

export interface AuditLogEntry {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
}

export type UserStatus = 'active' | 'inactive' | 'suspended';

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  status: UserStatus;
  emailVerified: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string | null;
  html: string | null;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

export interface ListResponse<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Billing, plans and credits.

export type MeteredUnit =
  | 'generations'
  | 'entries_published'
  | 'ai_rewrites'
  | 'voice_minutes'
  | 'images'
  | 'videos'
  | 'api_calls'
  | 'seats'
  | 'connected_repos'
  | 'storage_bytes';
export type BillingSource = 'stripe' | 'dodo' | 'asaas' | 'manual';
export type CtaType = 'checkout' | 'contact' | 'link';
export type BillingInterval = 'month' | 'year';

export interface Plan {
  id: string;
  key: string;
  name: string;
  description: string | null;
  priceMonthlyCents: number;
  priceYearlyCents: number;
  currency: string;
  monthlyCredits: number;
  /** A unit missing here, or null, is unlimited. */
  limits: Partial<Record<MeteredUnit, number | null>>;
  /** Cents per unit over the limit; a unit missing here is a hard limit. */
  overagePrices: Partial<Record<MeteredUnit, number>>;
  badge: string | null;
  isHighlighted: boolean;
  ctaType: CtaType;
  ctaLabel: string | null;
  ctaUrl: string | null;
  sortOrder: number;
  isActive: boolean;
  billingSource: BillingSource;
  features: string[];
  createdAt: string;
  updatedAt: string;
}

export interface StaffPlan extends Plan {
  providerPriceIds: Record<string, string>;
}

export type PlanBody = Omit<StaffPlan, 'id' | 'createdAt' | 'updatedAt'>;

export type SubscriptionStatus = 'active' | 'canceled' | 'past_due' | 'trialing' | 'incomplete';

export interface Subscription {
  id: string;
  provider: string;
  status: SubscriptionStatus;
  interval: BillingInterval;
  amountCents: number;
  currency: string;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  trialEndsAt: string | null;
}

export interface UsageLine {
  unit: MeteredUnit;
  used: number;
  limit: number | null;
  remaining: number | null;
  overagePriceCents: number | null;
  overageUnits: number;
  overageCents: number;
}

export interface BillingOverview {
  plan: Plan;
  subscription: Subscription | null;
  credits: { balance: number };
  period: { start: string; end: string; basis: 'calendar_month' | 'subscription' };
  usage: UsageLine[];
  upcomingInvoice: {
    baseCents: number;
    overageLines: { unit: string; quantity: number; unitPriceCents: number; amountCents: number }[];
    totalCents: number;
    currency: string;
    dueAt: string;
  };
  providers: { stripe: boolean; dodo: boolean; asaas: boolean };
  isBillingConfigured: boolean;
}

export type CreditReason = 'generation' | 'purchase' | 'refund' | 'bonus' | 'grant' | 'expiry' | 'adjustment';

export interface LedgerEntry {
  id: string;
  operationType: string;
  amount: number;
  balanceAfter: number;
  reason: CreditReason;
  details: Record<string, unknown>;
  actorType: string;
  actorId: string | null;
  createdAt: string;
}

export interface Invoice {
  id: string;
  provider: string;
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible' | 'failed';
  amountDueCents: number;
  amountPaidCents: number;
  currency: string;
  pdfUrl: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  paidAt: string | null;
  createdAt: string;
}

export interface CheckoutLink {
  url: string;
}

export interface AppNotification {
  id: string;
  workspaceId: string | null;
  type: 'usage_warning' | 'billing' | 'feature' | 'system';
  title: string;
  message: string;
  actionUrl: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationsPage extends Page<AppNotification> {
  unreadCount: number;
}

export interface Feature {
  key: string;
  name: string;
  description: string | null;
}

export interface OperationCost {
  operationType: string;
  /** null: the default cost; otherwise a per-plan override. */
  planId: string | null;
  credits: number;
}

export interface StaffWorkspace {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}

export interface StaffWorkspaceBilling {
  workspace: StaffWorkspace;
  plan: { id: string; key: string; name: string };
  planSource: BillingSource | null;
  credits: { balance: number };
  features: (Feature & { isPlanGranted: boolean; override: boolean | null; isEnabled: boolean })[];
}

export interface WebhookEvent {
  id: string;
  source: string;
  eventType: string;
  externalId: string;
  processed: boolean;
  processedAt: string | null;
  error: string | null;
  retryCount: number;
  receivedAt: string;
  payload: unknown;
}
