import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Content,
  Flex,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  LabelGroup,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { LoadingRows, ProblemAlert, formatTime } from '../../components/States';
import { usePreferences, useSavePreferences } from '../../lib/preferences';
import { applyTheme, resolveTheme } from '../../lib/theme';

/** The caller's preferences, kept by the gateway: favorites, default GPU pool and location, theme. */
export function PreferencesForm() {
  const prefs = usePreferences();
  const save = useSavePreferences();
  const gpus = useQuery({ queryKey: ['gpus'], queryFn: () => call(api.GET('/api/v1/gpus')), staleTime: 60_000 });
  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => call(api.GET('/api/v1/weights/locations')),
  });
  const [form, setForm] = useState({ defaultGpuPool: '', defaultLocation: '', theme: 'system' });
  const [favorite, setFavorite] = useState('');

  useEffect(() => {
    if (prefs.data) {
      setForm({
        defaultGpuPool: prefs.data.defaultGpuPool ?? '',
        defaultLocation: prefs.data.defaultLocation ?? '',
        theme: prefs.data.theme ?? 'system',
      });
    }
  }, [prefs.data]);

  if (prefs.isPending) return <LoadingRows rows={3} label="Loading preferences" />;
  if (prefs.isError) return <ProblemAlert error={prefs.error} title="Preferences not available" />;
  const favorites = prefs.data.favorites ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(form, { onSuccess: (p) => applyTheme(resolveTheme(p.theme)) });
  }
  function addFavorite(e: FormEvent) {
    e.preventDefault();
    const id = favorite.trim();
    if (!id || favorites.includes(id)) return;
    save.mutate({ favorites: [...favorites, id] }, { onSuccess: () => setFavorite('') });
  }
  const set = (k: keyof typeof form) => (_e: unknown, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const pools = (gpus.data?.items ?? []) as { name?: string }[];
  const locs = (locations.data ?? []) as unknown as { name: string }[];

  return (
    <>
      <Title headingLevel="h2" style={{ margin: '1rem 0 0.5rem' }}>
        Preferences
      </Title>
      <Content component="p">
        Kept on the server for you, whichever browser or token you use.
        {prefs.data.updatedAt && ` Last saved ${formatTime(prefs.data.updatedAt)}.`}
      </Content>
      {save.isError && <ProblemAlert error={save.error} title="Not saved" />}
      {save.isSuccess && <Alert isInline variant="success" title="Preferences saved" isPlain />}
      <Form onSubmit={submit} aria-label="Preferences" style={{ margin: '1rem 0' }}>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }} flexWrap={{ default: 'wrap' }}>
          <FormGroup label="Default GPU pool" fieldId="pref-gpu">
            <FormSelect id="pref-gpu" value={form.defaultGpuPool} onChange={set('defaultGpuPool')}>
              <FormSelectOption value="" label="the best fit" />
              {pools.map((g) => (
                <FormSelectOption key={g.name} value={g.name ?? ''} label={g.name ?? ''} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label="Default location" fieldId="pref-location">
            <FormSelect id="pref-location" value={form.defaultLocation} onChange={set('defaultLocation')}>
              <FormSelectOption value="" label="the first configured" />
              {locs.map((l) => (
                <FormSelectOption key={l.name} value={l.name} label={l.name} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label="Theme" fieldId="pref-theme">
            <FormSelect id="pref-theme" value={form.theme} onChange={set('theme')}>
              <FormSelectOption value="system" label="as the system" />
              <FormSelectOption value="light" label="light" />
              <FormSelectOption value="dark" label="dark" />
            </FormSelect>
          </FormGroup>
          <Button type="submit" isLoading={save.isPending}>
            Save preferences
          </Button>
        </Flex>
      </Form>
      <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
        Favorite models
      </Title>
      {favorites.length === 0 ? (
        <Content component="p">None yet: star a model on its page, or add its id here.</Content>
      ) : (
        <LabelGroup aria-label="Favorite models" numLabels={20}>
          {favorites.map((f) => (
            <Label
              key={f}
              onClose={() => save.mutate({ favorites: favorites.filter((x) => x !== f) })}
              closeBtnAriaLabel={`Remove ${f} from favorites`}
            >
              <Link to={`/models/${f}`}>{f}</Link>
            </Label>
          ))}
        </LabelGroup>
      )}
      <Form onSubmit={addFavorite} aria-label="Add a favorite" style={{ marginTop: '1rem' }}>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }}>
          <FormGroup label="Model id" fieldId="pref-favorite">
            <TextInput id="pref-favorite" value={favorite} onChange={(_e, v) => setFavorite(v)} placeholder="org/name" />
          </FormGroup>
          <Button type="submit" variant="secondary" isDisabled={!/^[^/\s]+\/[^/\s]+$/.test(favorite.trim())}>
            Add favorite
          </Button>
        </Flex>
      </Form>
    </>
  );
}
