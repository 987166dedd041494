import { useEffect, useState, type FormEvent } from 'react';
import {
  ActionGroup,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  LoginPage,
  Divider,
  TextInput,
} from '@patternfly/react-core';
import { ProblemAlert } from '../components/States';
import { ApiError, toProblem } from '../lib/problem';
import { clearToken, setToken } from '../lib/token';
import { signInOptions, type SignInOptions } from '../lib/session';

/**
 * Sign in through the organisation's OIDC provider when the gateway offers it (the browser session:
 * a full-page visit to the gateway's login, which comes back to the console signed in), or by
 * pasting an API token, checked with GET /api/v1/me before it is kept.
 */
export function Login({ onSignedIn }: { onSignedIn: () => void }) {
  const [options, setOptions] = useState<SignInOptions>({ oidc: false });
  useEffect(() => {
    let live = true;
    void signInOptions().then((o) => live && setOptions(o));
    return () => {
      live = false;
    };
  }, []);
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
      loginSubtitle={
        options.oidc
          ? 'Sign in with your organisation account, or paste an API token.'
          : 'Paste an API token. The local run writes the admin token to .mm/admin-token.'
      }
    >
      {options.oidc && (
        <>
          <Button component="a" href={options.loginPath ?? '/auth/login'} isBlock variant="primary">
            Sign in with {options.providerName ?? 'single sign-on'}
          </Button>
          <Divider style={{ margin: '1.5rem 0' }} />
        </>
      )}
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
          <Button
            type="submit"
            isBlock
            variant={options.oidc ? 'secondary' : 'primary'}
            isLoading={busy}
            isDisabled={busy || value.trim() === ''}
          >
            {options.oidc ? 'Sign in with the token' : 'Sign in'}
          </Button>
        </ActionGroup>
      </Form>
    </LoginPage>
  );
}
