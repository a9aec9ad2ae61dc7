/** A labelled form control with its hint and error, wired for screen readers. */
import type { ReactNode } from "react";

type Common = { name: string; label: ReactNode; hint?: ReactNode; errors?: string[]; id?: string };

function described(id: string, hint?: ReactNode, errors?: string[]) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Extras({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

export function TextField({ name, label, hint, errors, id = name, ...input }: Common & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} className="input" aria-invalid={errors?.length ? true : undefined} aria-describedby={described(id, hint, errors)} {...input} />
      <Extras id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function TextArea({ name, label, hint, errors, id = name, ...input }: Common & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} className="input" aria-invalid={errors?.length ? true : undefined} aria-describedby={described(id, hint, errors)} {...input} />
      <Extras id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function SelectField({ name, label, hint, errors, id = name, children, ...input }: Common & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="input" aria-invalid={errors?.length ? true : undefined} aria-describedby={described(id, hint, errors)} {...input}>
        {children}
      </select>
      <Extras id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function FormErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div className="alert alert-error" role="alert">
      {errors.join(" ")}
    </div>
  );
}

/** Shows a secret once with a copy button (links and tokens are stored hashed and cannot be shown again). */
export function SecretValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="secret">
      <label className="small muted">
        {label}
        <input className="input input-sm mono" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="btn btn-sm" onClick={() => void navigator.clipboard?.writeText(value)}>
        Copy
      </button>
    </div>
  );
}
