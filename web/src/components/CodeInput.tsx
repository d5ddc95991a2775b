/** A six-digit one-time code field (authenticator app codes): digits only, suggested by the OS keyboard and password managers. */
import type { Ref } from 'react';
import './auth.css';

export const CODE_LENGTH = 6;

interface CodeInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  autoFocus?: boolean;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

export const CodeInput = ({ label, value, onChange, testId, autoFocus, disabled, inputRef }: CodeInputProps) => (
  <label className="field">
    <span>{label}</span>
    <input
      ref={inputRef}
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={CODE_LENGTH}
      className="code-input"
      data-testid={testId}
      value={value}
      // Pasted codes often carry spaces ("123 456"): keep the digits.
      onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH))}
      disabled={disabled}
      autoFocus={autoFocus}
      required
    />
  </label>
);

export const isCompleteCode = (code: string): boolean => new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code);
