import { useState, type FormEvent } from 'react';
import {
  ActionGroup,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  LoginPage,
  TextInput,
} from '@patternfly/react-core';
import { ProblemAlert } from '../components/States';
import { ApiError, toProblem } from '../lib/problem';
import { clearToken, setToken } from '../lib/token';

/** Sign in by pasting an API token; it is checked with GET /api/v1/me before it is kept. */
export function Login({ onSignedIn }: { onSignedIn: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await fetch('/api/v1/me', {
        headers: { Authorization: `Bearer ${value.trim()}` },
      });
      if (!r.ok) {
        const body = await r.json().catch(() => null);
        throw new ApiError(r.status, toProblem(r.status, body));
      }
      setToken(value);
      onSignedIn();
    } catch (err) {
      clearToken();
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <LoginPage
      loginTitle="Sign in to Model Manager"
      loginSubtitle="Paste an API token. The local run writes the admin token to .mm/admin-token."
    >
      <Form onSubmit={submit}>
        {error !== null && <ProblemAlert error={error} title="The token was not accepted" />}
        <FormGroup label="API token" isRequired fieldId="token">
          <TextInput
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            isRequired
            value={value}
            onChange={(_e, v) => setValue(v)}
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>
                Kept in this browser tab only (session storage) and sent as a bearer token.
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <ActionGroup>
          <Button type="submit" isBlock isLoading={busy} isDisabled={busy || value.trim() === ''}>
            Sign in
          </Button>
        </ActionGroup>
      </Form>
    </LoginPage>
  );
}
