import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextAreaField, TextField } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { BrandProfile } from '../../lib/api-types';
import { canManageWorkspace, formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe, useWorkspaceId } from '../../lib/use-me';
import { useCompleteOnboardingStep } from '../account/account-queries';
import { useWorkspace } from '../workspaces/workspace-queries';
import { type BrandInput, useBrand, useSaveBrand } from './brand-queries';
import { ColorField, isHexColor } from './color-field';

type BrandForm = Record<keyof BrandInput, string>;

const FIELDS: (keyof BrandInput)[] = [
  'brandName',
  'primaryColor',
  'secondaryColor',
  'fonts',
  'specialties',
  'ambiance',
  'targetAudience',
  'uniqueSellingPoints',
  'personality',
  'tone',
  'keyMessages',
];

function toForm(brand: BrandProfile): BrandForm {
  return Object.fromEntries(FIELDS.map((field) => [field, brand[field] ?? ''])) as BrandForm;
}

/** Empty inputs mean "not set", which the API stores as null. */
function toBody(form: BrandForm): Partial<BrandInput> {
  return Object.fromEntries(FIELDS.map((field) => [field, form[field].trim() || null]));
}

const TEXT_AREAS: { field: keyof BrandInput; label: string; hint: string }[] = [
  { field: 'specialties', label: 'Specialties', hint: 'What you are known for.' },
  { field: 'targetAudience', label: 'Target audience', hint: 'Who reads your posts and changelog.' },
  { field: 'uniqueSellingPoints', label: 'Unique selling points', hint: 'Why people pick you over others.' },
  { field: 'personality', label: 'Personality', hint: 'e.g. curious, precise, warm.' },
  { field: 'ambiance', label: 'Ambiance', hint: 'The feeling your content should leave.' },
  { field: 'keyMessages', label: 'Key messages', hint: 'Points worth repeating, one per line.' },
];

export function BrandPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const { user } = useMe();
  const brand = useBrand(workspaceId);
  const save = useSaveBrand(workspaceId);
  const completeStep = useCompleteOnboardingStep();
  const [form, setForm] = useState<BrandForm | null>(null);
  useDocumentTitle(workspace ? `Brand · ${workspace.name}` : 'Brand');

  useEffect(() => {
    if (brand.data) setForm(toForm(brand.data));
  }, [brand.data]);

  if (!workspace) return null;
  const canEdit = canManageWorkspace(workspace.role);
  const header = (
    <PageHeader
      title="Brand profile"
      description="Herald writes every post in this voice. The more specific you are, the better the drafts."
    />
  );

  if (brand.isPending || (brand.isSuccess && !form))
    return (
      <>
        {header}
        <LoadingBlock />
      </>
    );
  if (brand.isError || !form) {
    return (
      <>
        {header}
        <ErrorBanner message={brand.error?.message ?? 'Could not load the brand profile.'} />
      </>
    );
  }

  const set = (field: keyof BrandInput) => (value: string) => {
    setForm((previous) => (previous ? { ...previous, [field]: value } : previous));
  };
  const colorsValid = [form.primaryColor, form.secondaryColor].every((c) => !c || isHexColor(c));
  const fieldNames = FIELDS as string[];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form) save.mutate(toBody(form), { onSuccess: () => completeStep('brand_profile') });
  }

  return (
    <>
      {header}
      {!canEdit ? (
        <Notice tone="info" className="mb-6">
          You can view the brand profile. Only owners and admins can change it.
        </Notice>
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="space-y-6">
        <fieldset disabled={!canEdit} className="space-y-6">
          <Card>
            <CardHeader title="Identity" description="Name, colors and type used in generated visuals." />
            <CardBody className="grid gap-5 sm:grid-cols-2">
              <TextField
                className="sm:col-span-2"
                label="Brand name"
                value={form.brandName}
                onChange={(event) => set('brandName')(event.target.value)}
                error={getFieldError(save.error, 'brandName')}
              />
              <ColorField
                label="Primary color"
                value={form.primaryColor}
                onChange={set('primaryColor')}
                disabled={!canEdit}
                error={getFieldError(save.error, 'primaryColor')}
              />
              <ColorField
                label="Secondary color"
                value={form.secondaryColor}
                onChange={set('secondaryColor')}
                disabled={!canEdit}
                error={getFieldError(save.error, 'secondaryColor')}
              />
              <TextField
                className="sm:col-span-2"
                label="Fonts"
                placeholder="Inter for text, Fraunces for headings"
                value={form.fonts}
                onChange={(event) => set('fonts')(event.target.value)}
                error={getFieldError(save.error, 'fonts')}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Voice" description="How you sound, and to whom." />
            <CardBody className="grid gap-5 sm:grid-cols-2">
              <TextField
                className="sm:col-span-2"
                label="Tone"
                list="brand-tone-suggestions"
                placeholder="conversational"
                value={form.tone}
                onChange={(event) => set('tone')(event.target.value)}
                error={getFieldError(save.error, 'tone')}
                hint="Pick a suggestion or describe your own."
              />
              <datalist id="brand-tone-suggestions">
                <option value="educational" />
                <option value="conversational" />
                <option value="opinionated" />
                <option value="authority" />
              </datalist>
              {TEXT_AREAS.map(({ field, label, hint }) => (
                <TextAreaField
                  key={field}
                  label={label}
                  hint={hint}
                  value={form[field]}
                  onChange={(event) => set(field)(event.target.value)}
                  error={getFieldError(save.error, field)}
                />
              ))}
            </CardBody>
            {canEdit ? (
              <CardFooter className="justify-between">
                <p className="text-xs text-gray-500">
                  {brand.data.updatedAt
                    ? `Last saved ${formatDateTime(brand.data.updatedAt, user.timezone)}`
                    : 'Not saved yet'}
                </p>
                <div className="flex items-center gap-3">
                  {save.isSuccess ? (
                    <span role="status" className="text-xs text-emerald-700">
                      Saved
                    </span>
                  ) : null}
                  <Button type="submit" isLoading={save.isPending} disabled={!colorsValid}>
                    Save
                  </Button>
                </div>
              </CardFooter>
            ) : null}
          </Card>
        </fieldset>
        <ErrorBanner message={getFormError(save.error, fieldNames)} />
      </form>
    </>
  );
}
