import { useState } from 'react';
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
import { selectFiles, splitList } from '../../lib/format';

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

/**
 * Install weights step by step: location (free space shown) → revision and files → review with
 * the size, the space left and the fit → start, then straight to the job.
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
  const verdict = spaceVerdict(details.weightsBytes, where);
  const best = details.fit?.find((f) => f.fits);
  const files = details.files ?? [];
  const selected = selectFiles(files, includes, excludes);
  const model = details.id ?? '';

  const install = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/weights/installs', {
          body: {
            repo: model,
            revision: revision.trim() || 'main',
            location,
            include: includes.length > 0 ? includes : undefined,
            exclude: excludes.length > 0 ? excludes : undefined,
            pin,
            overwrite: false,
          },
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
            <FormGroup label="Revision" fieldId="install-revision">
              <TextInput id="install-revision" value={revision} onChange={(_e, v) => setRevision(v)} />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>A branch, tag or commit.</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
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
            {files.length > 0 && (
              <Alert
                isInline
                isPlain
                variant={selected.length === 0 ? 'danger' : 'info'}
                title={`${selected.length} of ${files.length} files match`}
                data-testid="files-matched"
              >
                {selected.length < files.length &&
                  `Left out: ${files.filter((f) => !selected.includes(f)).slice(0, 8).join(', ')}${
                    files.length - selected.length > 8 ? ', …' : ''
                  }`}
              </Alert>
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
          footer={{ nextButtonText: 'Start install', nextButtonProps: { isLoading: install.isPending } }}
        >
          <Stack hasGutter>
            <DescriptionList isHorizontal isCompact aria-label="Install summary">
              <Row term="Model">{model}</Row>
              <Row term="Revision">{revision || 'main'}</Row>
              <Row term="Location">
                {location} ({formatBytes(where?.freeBytes)} free)
              </Row>
              <Row term="Files">
                {includes.length > 0 ? `only ${includes.join(', ')}` : 'every file'}
                {excludes.length > 0 ? `, without ${excludes.join(', ')}` : ''}
              </Row>
              <Row term="Weights size">
                {formatBytes(details.weightsBytes)}
                {includes.length + excludes.length > 0 ? ' at most (the patterns may leave some out)' : ''}
              </Row>
              <Row term="Free afterwards">
                {where?.freeBytes !== undefined && details.weightsBytes !== undefined
                  ? formatBytes(where.freeBytes - details.weightsBytes)
                  : '—'}
              </Row>
              <Row term="Fit">
                {best
                  ? `fits ${best.gpu} with TP ${best.tensorParallelSize}, up to ${(best.maxModelLen ?? 0).toLocaleString()} tokens of context`
                  : 'fits none of the known GPU pools'}
              </Row>
              <Row term="Pinned">{pin ? 'yes' : 'no'}</Row>
            </DescriptionList>
            {verdict === 'no' && (
              <Alert isInline variant="danger" title="Not enough space" data-testid="space-verdict">
                {location} has {formatBytes(where?.freeBytes)} free and the weights need {formatBytes(details.weightsBytes)}:
                the install would stop with 507 Insufficient Storage. Choose another location, narrow the files, or
                purge on the Weights page first.
              </Alert>
            )}
            {verdict === 'tight' && (
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
