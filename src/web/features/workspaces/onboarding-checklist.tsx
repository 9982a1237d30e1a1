import { Link } from '@tanstack/react-router';
import { Check, ChevronRight } from 'lucide-react';
import { Button } from '../../components/button';
import { Card, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { getFormError } from '../../lib/api-error';
import { cn } from '../../lib/cn';
import { useMe } from '../../lib/use-me';
import { ONBOARDING_STEPS, type OnboardingStep, useUpdateMe } from '../account/account-queries';

const STEP_COPY: Record<OnboardingStep, { title: string; description: string }> = {
  create_account: { title: 'Create your account', description: 'You are in. Welcome to Herald.' },
  verify_email: { title: 'Verify your email', description: 'So invitations and alerts reach you.' },
  complete_profile: { title: 'Complete your profile', description: 'Set your language and timezone.' },
  brand_profile: {
    title: 'Describe your brand',
    description: 'Colors, tone and key messages guide every post.',
  },
  invite_member: {
    title: 'Invite a teammate',
    description: 'Bring the people who write and review with you.',
  },
  create_api_key: { title: 'Create an API key', description: 'Connect Herald to your CI or scripts.' },
};

function StepLink({
  step,
  workspaceId,
  children,
}: {
  step: OnboardingStep;
  workspaceId: string;
  children: React.ReactNode;
}) {
  const className =
    'flex flex-1 items-center gap-3 rounded-lg px-2 py-2.5 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600';
  const params = { workspaceId };
  switch (step) {
    case 'create_account':
    case 'complete_profile':
    case 'verify_email':
      return (
        <Link to="/account/profile" className={className}>
          {children}
        </Link>
      );
    case 'brand_profile':
      return (
        <Link to="/w/$workspaceId/brand" params={params} className={className}>
          {children}
        </Link>
      );
    case 'invite_member':
      return (
        <Link to="/w/$workspaceId/members" params={params} className={className}>
          {children}
        </Link>
      );
    case 'create_api_key':
      return (
        <Link to="/w/$workspaceId/api-keys" params={params} className={className}>
          {children}
        </Link>
      );
  }
}

// Steps only owners and admins can complete; members and viewers never see them.
const MANAGER_STEPS: readonly OnboardingStep[] = ['brand_profile', 'invite_member', 'create_api_key'];

export function OnboardingChecklist({ workspaceId, canManage }: { workspaceId: string; canManage: boolean }) {
  const { user } = useMe();
  const updateMe = useUpdateMe();
  const { onboarding } = user;
  if (onboarding.dismissed) return null;

  const isDone = (step: OnboardingStep) =>
    onboarding.completedSteps.includes(step) ||
    (step === 'verify_email' && user.emailVerified) ||
    step === 'create_account';
  const steps = ONBOARDING_STEPS.filter((step) => canManage || !MANAGER_STEPS.includes(step));
  const doneCount = steps.filter(isDone).length;
  const percent = Math.round((doneCount / steps.length) * 100);

  return (
    <Card>
      <CardHeader
        title="Get started"
        description={`${doneCount} of ${steps.length} steps done`}
        actions={
          <Button
            variant="ghost"
            size="sm"
            isLoading={updateMe.isPending}
            onClick={() => updateMe.mutate({ onboarding: { ...onboarding, dismissed: true } })}
          >
            Dismiss checklist
          </Button>
        }
      />
      <div className="px-5 pt-4 sm:px-6">
        <div
          className="h-1.5 overflow-hidden rounded-full bg-gray-100"
          role="progressbar"
          aria-label="Onboarding progress"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div
            className="h-full rounded-full bg-indigo-600 transition-all"
            style={{ width: `${percent}%` }}
          />
        </div>
        <ErrorBanner className="mt-4" message={getFormError(updateMe.error)} />
      </div>
      <ul className="px-3 py-3 sm:px-4">
        {steps.map((step) => {
          const done = isDone(step);
          return (
            <li key={step} className="flex items-center">
              <StepLink step={step} workspaceId={workspaceId}>
                <span
                  className={cn(
                    'flex size-6 shrink-0 items-center justify-center rounded-full ring-1',
                    done
                      ? 'bg-emerald-500 text-white ring-emerald-500'
                      : 'bg-white text-transparent ring-gray-300',
                  )}
                  aria-hidden
                >
                  <Check className="size-3.5" strokeWidth={3} />
                </span>
                <span className="min-w-0 flex-1">
                  <span
                    className={cn(
                      'block text-sm font-medium',
                      done ? 'text-gray-500 line-through' : 'text-gray-900',
                    )}
                  >
                    {STEP_COPY[step].title}
                    <span className="sr-only">{done ? ' (done)' : ' (to do)'}</span>
                  </span>
                  <span className="block text-xs text-gray-500">{STEP_COPY[step].description}</span>
                </span>
                <ChevronRight className="size-4 shrink-0 text-gray-300" aria-hidden />
              </StepLink>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
