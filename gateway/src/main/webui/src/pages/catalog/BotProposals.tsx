import { useState } from 'react';
import { CodeBlock, CodeBlockCode, Content, Label, Title } from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { ChecksTable } from '../../components/Checks';
import { Empty, LoadingRows, ProblemAlert, formatTime } from '../../components/States';
import { UnifiedDiff } from '../../components/UnifiedDiff';

type Proposal = components['schemas']['BotProposalView'];

const PR_COLOR: Record<string, 'blue' | 'purple' | 'grey'> = { open: 'blue', merged: 'purple', closed: 'grey' };

const short = (sha?: string) => (sha ? sha.slice(0, 12) : '—');

/** The checks of a proposal in one word: passed, N warnings, or N failed. */
export function checksSummary(p: Proposal): { text: string; color: 'green' | 'orange' | 'red' | 'grey' } {
  const checks = p.report?.checks ?? [];
  if (!p.report) return { text: 'not kept', color: 'grey' };
  const failed = checks.filter((c) => c.status?.toUpperCase() === 'FAIL').length;
  const warned = checks.filter((c) => c.status?.toUpperCase() === 'WARN').length;
  if (failed > 0) return { text: `${failed} failed`, color: 'red' };
  if (warned > 0) return { text: `${warned} ${warned === 1 ? 'warning' : 'warnings'}`, color: 'orange' };
  return { text: 'passed', color: 'green' };
}

/** What the proposal changes, as "old → new" for the revision and, when it changed, the license. */
function Change({ p }: { p: Proposal }) {
  const licenseChanged = p.fromLicense && p.toLicense && p.fromLicense.toLowerCase() !== p.toLicense.toLowerCase();
  return (
    <>
      {p.fromRevision !== p.toRevision && (
        <div>
          <code>{short(p.fromRevision)}</code> → <code>{short(p.toRevision)}</code>
        </div>
      )}
      {licenseChanged && (
        <div>
          license <code>{p.fromLicense}</code> → <code>{p.toLicense}</code>
        </div>
      )}
      {!p.toRevision && '—'}
    </>
  );
}

/**
 * The update bot's proposed updates (newest first): per entry the revision (and license) it moves
 * from and to, its checks, and its pull request with state and link; expanded, the checks, the
 * unified diff and the JSON Patch of the entry as proposed.
 */
export function BotProposals() {
  const [open, setOpen] = useState<number | null>(null);
  const proposals = useQuery({
    queryKey: ['catalog', 'bot-proposals'],
    queryFn: () => call(api.GET('/api/v1/catalog/bot/proposals', { params: { query: { limit: 20 } } })),
  });
  const items = proposals.data?.items ?? [];
  return (
    <>
      <Title headingLevel="h2" style={{ margin: '1.5rem 0 0.5rem' }}>
        Update bot proposals
      </Title>
      <Content component="p">
        The update bot watches each entry's model on Hugging Face and proposes a pull request when it has a new commit or
        license.
      </Content>
      {proposals.isPending ? (
        <LoadingRows rows={2} />
      ) : proposals.isError ? (
        <ProblemAlert error={proposals.error} title="Bot proposals not available" />
      ) : items.length === 0 ? (
        <Empty title="No proposals">
          Every entry's model is at its newest commit. The bot looks again on its schedule; an admin can run it now
          with POST /api/v1/catalog/bot/run.
        </Empty>
      ) : (
        <Table aria-label="Update bot proposals" variant="compact" gridBreakPoint="grid-md">
          <Thead>
            <Tr>
              <Th screenReaderText="Details" />
              <Th>Entry</Th>
              <Th>Model</Th>
              <Th>Change</Th>
              <Th>Checks</Th>
              <Th>Pull request</Th>
              <Th>Proposed</Th>
            </Tr>
          </Thead>
          {items.map((p, i) => {
            const expanded = open === p.number;
            const checks = checksSummary(p);
            return (
              <Tbody key={p.number} isExpanded={expanded} data-testid={`proposal-${p.number}`}>
                <Tr>
                  <Td
                    expand={{
                      rowIndex: i,
                      isExpanded: expanded,
                      onToggle: () => setOpen(expanded ? null : p.number!),
                      expandId: `proposal-${p.number}`,
                    }}
                  />
                  <Td dataLabel="Entry">
                    <Link to={`/catalog/${p.entryId}`}>{p.entryId}</Link>
                  </Td>
                  <Td dataLabel="Model">{p.hfModelId ?? '—'}</Td>
                  <Td dataLabel="Change">
                    <Change p={p} />
                  </Td>
                  <Td dataLabel="Checks">
                    <Label isCompact color={checks.color}>
                      {checks.text}
                    </Label>
                  </Td>
                  <Td dataLabel="Pull request">
                    <a href={p.url} target="_blank" rel="noreferrer">
                      #{p.number}
                    </a>{' '}
                    <Label isCompact color={PR_COLOR[p.state ?? ''] ?? 'grey'}>
                      {p.state}
                    </Label>
                  </Td>
                  <Td dataLabel="Proposed">{formatTime(p.updatedAt ?? p.createdAt)}</Td>
                </Tr>
                <Tr isExpanded={expanded}>
                  <Td colSpan={7}>
                    {expanded && (
                      <ExpandableRowContent>
                        <ProposalDetails p={p} />
                      </ExpandableRowContent>
                    )}
                  </Td>
                </Tr>
              </Tbody>
            );
          })}
        </Table>
      )}
    </>
  );
}

/** The checks, the unified diff and the JSON Patch (RFC 6902) of the entry as the bot proposed it. */
function ProposalDetails({ p }: { p: Proposal }) {
  if (!p.report && !p.diff) {
    return <p>This pull request was opened before the bot kept its proposals: see the pull request itself.</p>;
  }
  return (
    <>
      <Title headingLevel="h3" style={{ marginBottom: '0.5rem' }}>
        Checks when proposed
      </Title>
      <ChecksTable checks={p.report?.checks ?? []} label={`Checks of pull request ${p.number}`} />
      {p.diff?.unified && (
        <>
          <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
            Diff of {p.diff.path}
          </Title>
          <UnifiedDiff diff={p.diff.unified} label={`Diff of pull request ${p.number}`} />
        </>
      )}
      {p.diff?.patch !== undefined && (
        <>
          <Title headingLevel="h3" style={{ margin: '1rem 0 0.5rem' }}>
            JSON Patch
          </Title>
          <CodeBlock aria-label={`JSON Patch of pull request ${p.number}`}>
            <CodeBlockCode>{JSON.stringify(p.diff.patch, null, 2)}</CodeBlockCode>
          </CodeBlock>
        </>
      )}
    </>
  );
}
