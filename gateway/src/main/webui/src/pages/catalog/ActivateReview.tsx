import {
  Alert,
  Button,
  CodeBlock,
  CodeBlockCode,
  ExpandableSection,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Title,
} from '@patternfly/react-core';
import type { components } from '../../api/schema';
import { ChecksTable } from '../../components/Checks';
import { ProblemAlert } from '../../components/States';
import { UnifiedDiff } from '../../components/UnifiedDiff';

type DryRun = components['schemas']['DryRunView'];

/**
 * What activating would do, from the dry-run: the pre-flight checks, the diff against the live
 * object and the manifest; activation happens only from here.
 */
export function ActivateReview({
  deployment,
  dryRun,
  busy,
  error,
  onActivate,
  onClose,
}: {
  deployment: string;
  dryRun: DryRun | undefined;
  busy: boolean;
  error: unknown;
  onActivate: () => void;
  onClose: () => void;
}) {
  const diff = dryRun?.diff?.yaml ?? '';
  const unchecked = (dryRun?.checks ?? []).filter((c) => c.status === 'UNKNOWN').length;
  return (
    <Modal isOpen={dryRun !== undefined} onClose={onClose} variant="large" aria-labelledby="activate-title">
      <ModalHeader title={`Activate as ${deployment}?`} labelId="activate-title" />
      <ModalBody>
        {dryRun && (
          <>
            {dryRun.ready ? (
              <Alert isInline variant="success" title="No pre-flight check failed">
                {unchecked > 0 && `${unchecked} could not be checked: read them below.`}
              </Alert>
            ) : (
              <Alert isInline variant="danger" title="A pre-flight check failed: the activation will probably not become ready" />
            )}
            <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
              Pre-flight checks
            </Title>
            <ChecksTable checks={dryRun.checks ?? []} label="Pre-flight checks" />
            <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
              Change to the live deployment
            </Title>
            {diff.trim() ? (
              <UnifiedDiff diff={diff} label="Manifest diff" />
            ) : (
              <p>No difference to the live object.</p>
            )}
            <ExpandableSection toggleText="The whole manifest" style={{ marginTop: '1rem' }}>
              <CodeBlock>
                <CodeBlockCode>{dryRun.manifestYaml}</CodeBlockCode>
              </CodeBlock>
            </ExpandableSection>
            {error !== null && error !== undefined && <ProblemAlert error={error} title="Not activated" />}
          </>
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant={dryRun?.ready ? 'primary' : 'danger'} onClick={onActivate} isLoading={busy} isDisabled={busy}>
          {dryRun?.ready ? 'Activate' : 'Activate anyway'}
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
