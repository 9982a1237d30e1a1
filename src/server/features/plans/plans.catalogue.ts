import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { operationCosts } from '../credits/credits.table.ts';
import { features, type PlanLimits, planFeatures, plans } from './plans.table.ts';

// The catalogue Herald starts with. Inserted when missing and never overwritten, so what staff
// change in the UI stays changed.
export const defaultFeatures = [
  ['voice_content_creation', 'Voice to content', 'Turn voice notes into posts'],
  ['natural_conversation', 'Natural conversation', 'Conversational voice mode'],
  ['multi_platform_optimization', 'Multi-platform optimization', 'One source, every platform'],
  ['brand_voice_learning', 'Brand voice', 'Generation follows the workspace brand profile'],
  ['analytics_insights', 'Analytics insights', 'Performance and audience analytics'],
  ['team_collaboration', 'Team collaboration', 'Invite members with roles'],
  ['priority_support', 'Priority support', 'Faster answers from the team'],
  ['white_label', 'White label', 'Remove Herald branding from public pages'],
  ['custom_integrations', 'Custom integrations', 'API keys and outbound webhooks'],
  ['llm_providers', 'LLM providers', 'Use OpenAI, Anthropic or your own model server'],
  ['scheduled_publishing', 'Scheduled publishing', 'Publish to channels at a chosen time'],
  ['changelog_widget', 'Changelog widget', 'Embed the changelog on your site'],
  ['roadmap', 'Public roadmap', 'Roadmap synced with GitHub issues'],
] as const;

const unlimited: PlanLimits = {};

export const defaultPlans = [
  {
    key: 'free',
    name: 'Free',
    description: 'Try Herald on a side project.',
    priceMonthlyCents: 0,
    priceYearlyCents: 0,
    monthlyCredits: 10,
    limits: {
      generations: 10,
      entries_published: 5,
      ai_rewrites: 5,
      voice_minutes: 10,
      images: 5,
      videos: 0,
      api_calls: 1000,
      seats: 2,
      connected_repos: 1,
      storage_bytes: 100 * 1024 * 1024,
    },
    overagePrices: {},
    ctaType: 'checkout' as const,
    ctaLabel: 'Current plan',
    sortOrder: 0,
    features: [
      'voice_content_creation',
      'multi_platform_optimization',
      'changelog_widget',
      'team_collaboration',
      'custom_integrations',
      'scheduled_publishing',
      'analytics_insights',
    ],
  },
  {
    key: 'pro',
    name: 'Pro',
    description: 'For small teams shipping every week.',
    priceMonthlyCents: 2900,
    priceYearlyCents: 29000,
    monthlyCredits: 500,
    limits: {
      generations: 500,
      entries_published: 100,
      ai_rewrites: 200,
      voice_minutes: 300,
      images: 200,
      videos: 20,
      api_calls: 50_000,
      seats: 10,
      connected_repos: 10,
      storage_bytes: 5 * 1024 ** 3,
    },
    overagePrices: { generations: 5, voice_minutes: 3 },
    badge: 'Most popular',
    isHighlighted: true,
    ctaType: 'checkout' as const,
    ctaLabel: 'Upgrade to Pro',
    sortOrder: 1,
    features: [
      'voice_content_creation',
      'natural_conversation',
      'multi_platform_optimization',
      'brand_voice_learning',
      'analytics_insights',
      'team_collaboration',
      'custom_integrations',
      'llm_providers',
      'scheduled_publishing',
      'changelog_widget',
      'roadmap',
    ],
  },
  {
    key: 'business',
    name: 'Business',
    description: 'Unlimited generations for agencies and larger teams.',
    priceMonthlyCents: 9900,
    priceYearlyCents: 99000,
    monthlyCredits: 5000,
    limits: unlimited,
    overagePrices: {},
    ctaType: 'contact' as const,
    ctaLabel: 'Talk to us',
    ctaUrl: 'mailto:sales@herald.localhost',
    sortOrder: 2,
    features: defaultFeatures.map(([key]) => key),
  },
];

/** Operation types: Pedro AI's, then Herald's own (generation per platform, rewrite, voice, media). */
export const defaultOperationCosts: Record<string, number> = {
  ai_text_chat: 1,
  ai_image_generation: 10,
  ai_video_generation: 50,
  shorts_script: 2,
  shorts_media: 20,
  'generation.x': 1,
  'generation.threads': 1,
  'generation.linkedin': 1,
  'generation.instagram': 1,
  'generation.tiktok': 1,
  'generation.facebook': 1,
  'generation.email': 1,
  ai_rewrite: 1,
  voice_minute: 1,
  image: 5,
  video: 25,
};

export async function ensureBillingCatalogue(db: Database): Promise<void> {
  await db
    .insert(features)
    .values(defaultFeatures.map(([key, name, description]) => ({ key, name, description })))
    .onConflictDoNothing();
  for (const { features: featureKeys, ...plan } of defaultPlans) {
    const [inserted] = await db.insert(plans).values(plan).onConflictDoNothing().returning({ id: plans.id });
    if (inserted) {
      await db
        .insert(planFeatures)
        .values(featureKeys.map((featureKey) => ({ planId: inserted.id, featureKey })))
        .onConflictDoNothing();
    }
  }
  await db
    .insert(operationCosts)
    .values(
      Object.entries(defaultOperationCosts).map(([operationType, credits]) => ({ operationType, credits })),
    )
    .onConflictDoNothing({ target: operationCosts.operationType, where: sql`plan_id is null` });
}
