import { SelectField, Switch, TextField } from '../../components/input';
import { ColorField } from '../brand/color-field';
import { positionLabels, sizeLabels, type WidgetConfig, widgetPositions, widgetSizes } from './widget-api';

/** Every setting of the widget; changes go to the caller at once so the preview follows them. */
export function WidgetCustomizer({
  config,
  onChange,
  disabled,
}: {
  config: WidgetConfig;
  onChange: (config: WidgetConfig) => void;
  disabled: boolean;
}) {
  const set = (patch: Partial<WidgetConfig>) => onChange({ ...config, ...patch });
  const setColor = (key: keyof WidgetConfig['colors'], value: string) =>
    onChange({ ...config, colors: { ...config.colors, [key]: value } });
  return (
    <div className="space-y-5">
      <TextField
        label="Title"
        required
        maxLength={60}
        disabled={disabled}
        value={config.title}
        onChange={(event) => set({ title: event.target.value })}
      />
      <div className="grid gap-4 md:grid-cols-3 xl:grid-cols-1 2xl:grid-cols-3">
        <ColorField
          label="Accent color"
          value={config.colors.primary}
          disabled={disabled}
          onChange={(value) => setColor('primary', value)}
        />
        <ColorField
          label="Background color"
          value={config.colors.background}
          disabled={disabled}
          onChange={(value) => setColor('background', value)}
        />
        <ColorField
          label="Text color"
          value={config.colors.text}
          disabled={disabled}
          onChange={(value) => setColor('text', value)}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Position"
          disabled={disabled}
          value={config.position}
          onChange={(event) => set({ position: event.target.value as WidgetConfig['position'] })}
        >
          {widgetPositions.map((position) => (
            <option key={position} value={position}>
              {positionLabels[position]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Size"
          disabled={disabled}
          value={config.size}
          onChange={(event) => set({ size: event.target.value as WidgetConfig['size'] })}
        >
          {widgetSizes.map((size) => (
            <option key={size} value={size}>
              {sizeLabels[size]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="divide-y divide-gray-100">
        <Switch
          label="Show dates"
          checked={config.showDate}
          disabled={disabled}
          onChange={(showDate) => set({ showDate })}
        />
        <Switch
          label="Show categories"
          description="New, Fixed, Improved or Other beside each entry."
          checked={config.showCategory}
          disabled={disabled}
          onChange={(showCategory) => set({ showCategory })}
        />
        <Switch
          label="Show a “new” badge"
          description="Marks entries the visitor has not seen yet, and counts them on the launcher."
          checked={config.showNewBadge}
          disabled={disabled}
          onChange={(showNewBadge) => set({ showNewBadge })}
        />
      </div>
    </div>
  );
}
