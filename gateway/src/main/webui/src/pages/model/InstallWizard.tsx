import { useEffect, useState } from 'react';
import {
  Alert,
  Checkbox,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  Progress,
  Radio,
  Stack,
  TextInput,
  Wizard,
  WizardHeader,
  WizardStep,
} from '@patternfly/react-core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { LoadingRows, ProblemAlert, formatBytes } from '../../components/States';
import { usePreferences } from '../../lib/preferences';
import { splitList } from '../../lib/format';
import { InstallPlanFiles } from './InstallPlanFiles';
import { RevisionPicker } from './RevisionPicker';

type Details = components['schemas']['ModelDetails'];
type Location = components['schemas']['LocationView'];

/** File choices: everything the snapshot has, or only the formats vLLM loads, or your own patterns. */
const PRESETS = {
  all: { label: 'Every file of the revision', include: '', exclude: '' },
  safetensors: {
    label: 'Safetensors weights, configs and tokenizer only (no .bin, .pth or .gguf copies)',
    include: '*.safetensors, *.json, *.txt, *.model, *.tiktoken, *.py',
    exclude: '',
  },
  custom: { label: 'My own patterns', include: '', exclude: '' },
} as const;
type Preset = keyof typeof PRESETS;

/** Whether `bytes` fit into a location's free space: the API refuses with 507 otherwise. */
export function spaceVerdict(bytes: number | undefined, location: Location | undefined): 'fits' | 'tight' | 'no' | 'unknown' {
  if (!bytes || !location || location.freeBytes === undefined) return 'unknown';
  if (bytes > location.freeBytes) return 'no';
  const after = ((location.usedBytes ?? 0) + bytes) / Math.max(1, location.capacityBytes ?? 1);
  return after * 100 >= (location.warnPercent ?? 100) ? 'tight' : 'fits';
}

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Install weights step by step: location (free space shown) → revision (branches, tags, recent
 * commits) and files (the server's dry run: sizes, duplicate formats skipped, pattern exclusions,
 * bytes already present) → review with the bytes to download, the space left, the 507 the install
 * would end with, and the fit → start, then straight to the job.
 */
export function InstallWizard({ details, onClose }: { details: Details; onClose: () => void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const prefs = usePreferences();
  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => call(api.GET('/api/v1/weights/locations')),
  });
  const [chosen, setChosen] = useState<string | undefined>();
  const [revision, setRevision] = useState(details.revision ?? 'main');
  const [preset, setPreset] = useState<Preset>('all');
  const [include, setInclude] = useState('');
  const [exclude, setExclude] = useState('');
  const [pin, setPin] = useState(false);

  const list = locations.data ?? [];
  const location = chosen ?? (list.find((l) => l.name === prefs.data?.defaultLocation) ?? list[0])?.name;
  const where = list.find((l) => l.name === location);
  const includes = splitList(include);
  const excludes = splitList(exclude);
  const best = details.fit?.find((f) => f.fits);
  const model = details.id ?? '';
  const order = {
    repo: model,
    revision: revision.trim() || 'main',
    location,
    include: includes.length > 0 ? includes : undefined,
    exclude: excludes.length > 0 ? excludes : undefined,
  };
  // The dry run of exactly this install, asked again when the typing of patterns settles.
  const planned = useDebounced(JSON.stringify(order), 300);
  const plan = useQuery({
    queryKey: ['install-plan', planned],
    queryFn: () => call(api.POST('/api/v1/weights/installs/plan', { body: JSON.parse(planned) })),
    enabled: !!location,
    staleTime: 15_000,
  });
  const refusal = plan.data?.refusal;
  const verdict = plan.data ? spaceVerdict(plan.data.bytesToDownload || undefined, where) : 'unknown';

  const install = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/weights/installs', {
          body: { ...order, pin, overwrite: false },
        }),
      ),
    onSuccess: (job) => {
      void client.invalidateQueries({ queryKey: ['installs'] });
      navigate(`/jobs?job=${job.id}`);
    },
  });

  function choosePreset(p: Preset) {
    setPreset(p);
    if (p !== 'custom') {
      setInclude(PRESETS[p].include);
      setExclude(PRESETS[p].exclude);
    }
  }

  return (
    // The wizard's header has the close button; the modal only adds Escape.
    <Modal isOpen onEscapePress={onClose} variant="large" aria-label={`Install ${model}`}>
      <Wizard
        header={<WizardHeader title={`Install ${model}`} onClose={onClose} closeButtonAriaLabel="Close the install wizard" />}
        onClose={onClose}
        onSave={() => install.mutate()}
        height={560}
      >
        <WizardStep name="Location" id="install-location" footer={{ isNextDisabled: !location }}>
          {locations.isPending ? (
            <LoadingRows rows={2} label="Loading locations" />
          ) : locations.isError ? (
            <ProblemAlert error={locations.error} />
          ) : (
            <Form>
              <FormGroup role="radiogroup" label="Where the weights go" fieldId="install-location-group" isStack>
                {list.map((l) => {
                  const pct = l.capacityBytes ? ((l.usedBytes ?? 0) / l.capacityBytes) * 100 : 0;
                  const v = spaceVerdict(details.weightsBytes, l);
                  return (
                    <Radio
                      key={l.name}
                      id={`loc-${l.name}`}
                      name="install-location"
                      isChecked={location === l.name}
                      onChange={() => setChosen(l.name)}
                      label={`${l.name}: ${formatBytes(l.freeBytes)} free${v === 'no' ? ' — not enough for this model' : ''}`}
                      body={
                        <Progress
                          value={pct}
                          size="sm"
                          aria-label={`Usage of ${l.name}`}
                          measureLocation="outside"
                          variant={pct >= (l.criticalPercent ?? 100) ? 'danger' : pct >= (l.warnPercent ?? 100) ? 'warning' : undefined}
                        />
                      }
                    />
                  );
                })}
              </FormGroup>
            </Form>
          )}
        </WizardStep>
        <WizardStep name="Files" id="install-files">
          <Form>
            <RevisionPicker repo={model} value={revision} onChange={setRevision} />
            <FormGroup role="radiogroup" label="Files" fieldId="install-preset" isStack>
              {(Object.keys(PRESETS) as Preset[]).map((p) => (
                <Radio
                  key={p}
                  id={`preset-${p}`}
                  name="install-preset"
                  isChecked={preset === p}
                  onChange={() => choosePreset(p)}
                  label={PRESETS[p].label}
                />
              ))}
            </FormGroup>
            <FormGroup label="Include patterns" fieldId="install-include">
              <TextInput
                id="install-include"
                value={include}
                onChange={(_e, v) => {
                  setInclude(v);
                  setPreset('custom');
                }}
                placeholder="every file"
              />
            </FormGroup>
            <FormGroup label="Exclude patterns" fieldId="install-exclude">
              <TextInput
                id="install-exclude"
                value={exclude}
                onChange={(_e, v) => {
                  setExclude(v);
                  setPreset('custom');
                }}
                placeholder="none"
              />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>Comma-separated globs, as huggingface_hub takes them (*.safetensors).</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            {plan.isPending ? (
              <LoadingRows rows={3} label="Planning the files" />
            ) : plan.isError ? (
              <ProblemAlert error={plan.error} title="The file plan is not available" />
            ) : (
              <InstallPlanFiles plan={plan.data} />
            )}
            <Checkbox
              id="install-pin"
              label="Pin the snapshot (a purge never removes it)"
              isChecked={pin}
              onChange={(_e, v) => setPin(v)}
            />
          </Form>
        </WizardStep>
        <WizardStep
          name="Review"
          id="install-review"
          footer={{
            nextButtonText: 'Start install',
            isNextDisabled: !!refusal,
            nextButtonProps: { isLoading: install.isPending },
          }}
        >
          <Stack hasGutter>
            <DescriptionList isHorizontal isCompact aria-label="Install summary">
              <Row term="Model">{model}</Row>
              <Row term="Revision">
                {revision || 'main'}
                {plan.data?.commit && revision !== plan.data.commit && <> → <code>{plan.data.commit.slice(0, 10)}</code></>}
              </Row>
              <Row term="Location">
                {location} ({formatBytes(plan.data?.freeBytes ?? where?.freeBytes)} free)
              </Row>
              <Row term="Files">
                {includes.length > 0 ? `only ${includes.join(', ')}` : 'every file'}
                {excludes.length > 0 ? `, without ${excludes.join(', ')}` : ''}
                {plan.data && `; ${plan.data.files?.filter((f) => f.action === 'skip-duplicate').length ?? 0} duplicate formats skipped`}
              </Row>
              <Row term="To download">
                {plan.data
                  ? `${formatBytes(plan.data.bytesToDownload)} of ${formatBytes(plan.data.bytesPlanned)} (${formatBytes(
                      plan.data.bytesPresent,
                    )} already present)`
                  : plan.isPending
                    ? 'planning…'
                    : `${formatBytes(details.weightsBytes)} at most`}
              </Row>
              <Row term="Free afterwards">
                {plan.data?.freeBytes !== undefined && plan.data.bytesToDownload !== undefined
                  ? formatBytes(plan.data.freeBytes - plan.data.bytesToDownload)
                  : '—'}
              </Row>
              <Row term="Fit">
                {best
                  ? `fits ${best.gpu} with TP ${best.tensorParallelSize}, up to ${(best.maxModelLen ?? 0).toLocaleString()} tokens of context`
                  : 'fits none of the known GPU pools'}
              </Row>
              <Row term="Pinned">{pin ? 'yes' : 'no'}</Row>
            </DescriptionList>
            {plan.isError && <ProblemAlert error={plan.error} title="The install could not be planned" />}
            {refusal?.status === 507 && (
              <Alert isInline variant="danger" title="Not enough space" data-testid="space-verdict">
                The install would stop with 507 Insufficient Storage: {refusal.detail}. Space reserved by running installs
                ({formatBytes(plan.data?.reservedByOthers)}) and the location's headroom ({formatBytes(plan.data?.headroomBytes)})
                count. Choose another location, narrow the files, or purge on the Weights page first.
              </Alert>
            )}
            {refusal?.status === 400 && (
              <Alert isInline variant="danger" title="Nothing to install" data-testid="space-verdict">
                {refusal.detail}. Change the include and exclude patterns.
              </Alert>
            )}
            {!refusal && verdict === 'tight' && (
              <Alert isInline variant="warning" title="The location will pass its warning threshold" data-testid="space-verdict" />
            )}
            {!best && <Alert isInline variant="warning" title="No known GPU pool can serve this model as it is" />}
            {install.isError && <ProblemAlert error={install.error} title="Install not started" />}
          </Stack>
        </WizardStep>
      </Wizard>
    </Modal>
  );
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}
