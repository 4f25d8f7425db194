import { Field, type FieldReading } from '../components/Field';

interface TextFieldProps {
  label: string;
  /** The ValidationError field name this control answers for; also how the error summary finds it. */
  field: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
  isOptional?: boolean;
  type?: 'text' | 'date' | 'password';
  inputMode?: 'text' | 'numeric' | 'decimal';
  autoComplete?: string;
  /**
   * The most characters the check on saving allows: "N characters left" appears near it. Never a hard `maxLength`,
   * which cuts pasted text without a word; an over-long text is kept and refused with the reason.
   */
  maxLength?: number;
  /** Shown but not editable (the hint says why). */
  readOnly?: boolean;
  rows?: number;
  class?: string;
  /** The language typed here, when it is not the page's (a session's wording in another language). */
  lang?: string;
  /** How the app reads what is typed, under the box (money: `moneyReading`). */
  reading?: FieldReading;
}

/** A labelled text box (or text area when `rows` is given) for the session form. */
export function TextField(props: TextFieldProps) {
  const { label, field, value, onValue, error, hint, isOptional, rows } = props;
  return (
    <div class={props.class}>
      <Field
        label={label}
        hint={hint}
        error={error}
        isOptional={isOptional}
        reading={props.reading}
        limit={props.maxLength === undefined ? undefined : { value, max: props.maxLength, isQuiet: true }}
      >
        {(p) => {
          const common = {
            ...p,
            'data-field': field,
            lang: props.lang,
            // Words in another language keep their own script's direction (Urdu, Arabic) on any screen.
            dir: props.lang ? ('auto' as const) : undefined,
            readOnly: props.readOnly,
            value,
            onInput: (e: { currentTarget: { value: string } }) => onValue(e.currentTarget.value),
          };
          if (rows) return <textarea {...common} rows={rows} />;
          const input = { ...common, inputMode: props.inputMode, autoComplete: props.autoComplete };
          if (props.type === 'password') return <input {...input} type="password" />;
          if (props.type === 'date') return <input {...input} type="date" />;
          return <input {...input} type="text" />;
        }}
      </Field>
    </div>
  );
}
