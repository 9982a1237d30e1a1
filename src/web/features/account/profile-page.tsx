import { type FormEvent, useEffect, useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField, Switch, TextField } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { CurrentUser, Language, NotificationPreferences } from '../../lib/api-types';
import { listTimeZones } from '../../lib/time-zones';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { useCompleteOnboardingStep, useUpdateMe } from './account-queries';
import { DeleteAccountCard } from './delete-account-card';

const NOTIFICATIONS: { key: keyof NotificationPreferences; label: string; description: string }[] = [
  {
    key: 'productUpdates',
    label: 'Product updates',
    description: 'New features and improvements to Herald.',
  },
  {
    key: 'usageWarnings',
    label: 'Usage warnings',
    description: 'When a workspace reaches 80% and 100% of a quota.',
  },
  { key: 'billing', label: 'Billing', description: 'Receipts, failed payments and plan changes.' },
  {
    key: 'weeklyDigest',
    label: 'Weekly digest',
    description: 'A Monday summary of what your workspaces published.',
  },
];

interface ProfileForm {
  name: string;
  language: Language;
  timezone: string;
  notificationPreferences: NotificationPreferences;
}

function toForm(user: CurrentUser): ProfileForm {
  return {
    name: user.name,
    language: user.language,
    timezone: user.timezone || 'UTC',
    notificationPreferences: { ...user.notificationPreferences },
  };
}

export function ProfilePage() {
  useDocumentTitle('Profile');
  const { user } = useMe();
  const update = useUpdateMe();
  const completeStep = useCompleteOnboardingStep();
  const [form, setForm] = useState(() => toForm(user));

  // Take fresh server values after a save or a refetch.
  useEffect(() => setForm(toForm(user)), [user]);

  const isDirty = JSON.stringify(form) !== JSON.stringify(toForm(user));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ ...form, name: form.name.trim() }, { onSuccess: () => completeStep('complete_profile') });
  }

  return (
    <div className="space-y-6">
      <PageHeader title="Profile" description="How you appear to your team, and how Herald talks to you." />
      <form onSubmit={handleSubmit} noValidate>
        <Card>
          <CardHeader title="Personal details" />
          <CardBody className="space-y-5">
            {update.isSuccess && !isDirty ? (
              <Notice tone="success">Your profile has been saved.</Notice>
            ) : null}
            <ErrorBanner
              message={getFormError(update.error, [
                'name',
                'language',
                'timezone',
                'notificationPreferences',
              ])}
            />
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField
                label="Name"
                autoComplete="name"
                required
                maxLength={100}
                value={form.name}
                onChange={(event) => setForm({ ...form, name: event.target.value })}
                error={getFieldError(update.error, 'name')}
              />
              <div className="space-y-1.5">
                <p className="text-sm font-medium text-gray-800">Email address</p>
                <p className="flex h-9 items-center gap-2 truncate text-sm text-gray-700">
                  {user.email}
                  {user.emailVerified ? (
                    <Badge tone="green">Verified</Badge>
                  ) : (
                    <Badge tone="amber">Not verified</Badge>
                  )}
                </p>
              </div>
              <SelectField
                label="Language"
                value={form.language}
                onChange={(event) => setForm({ ...form, language: event.target.value as Language })}
                hint="Used for emails and generated content."
                error={getFieldError(update.error, 'language')}
              >
                <option value="en">English</option>
                <option value="fr">Français</option>
              </SelectField>
              <SelectField
                label="Timezone"
                value={form.timezone}
                onChange={(event) => setForm({ ...form, timezone: event.target.value })}
                hint="Dates across Herald are shown in this timezone."
                error={getFieldError(update.error, 'timezone')}
              >
                {listTimeZones(form.timezone).map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll('_', ' ')}
                  </option>
                ))}
              </SelectField>
            </div>
          </CardBody>
          <div className="border-t border-gray-100 px-5 pt-4 sm:px-6">
            <h3 className="text-sm font-semibold text-gray-900">Email notifications</h3>
            <p className="text-sm text-gray-500">Security emails, like password resets, are always sent.</p>
          </div>
          <CardBody className="divide-y divide-gray-100 py-2">
            {NOTIFICATIONS.map(({ key, label, description }) => (
              <Switch
                key={key}
                label={label}
                description={description}
                checked={form.notificationPreferences[key]}
                onChange={(checked) =>
                  setForm({
                    ...form,
                    notificationPreferences: { ...form.notificationPreferences, [key]: checked },
                  })
                }
              />
            ))}
          </CardBody>
          <CardFooter>
            <Button type="submit" isLoading={update.isPending} disabled={!isDirty || !form.name.trim()}>
              Save
            </Button>
          </CardFooter>
        </Card>
      </form>
      <DeleteAccountCard />
    </div>
  );
}
