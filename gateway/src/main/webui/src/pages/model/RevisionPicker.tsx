import {
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  FormSelectOptionGroup,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../components/States';

const short = (sha?: string) => (sha ? sha.slice(0, 7) : '');

/**
 * The revision to install: the repo's branches and tags (with the commit each points to) and the
 * recent commits of the chosen branch or tag, from the Hub through discovery. When the refs cannot
 * be listed the revision is typed.
 */
export function RevisionPicker({
  repo,
  value,
  onChange,
}: {
  repo: string;
  value: string;
  onChange: (revision: string) => void;
}) {
  const [org = '', name = ''] = repo.split('/');
  const refs = useQuery({
    queryKey: ['refs', repo],
    queryFn: () => call(api.GET('/api/v1/models/{org}/{name}/refs', { params: { path: { org, name } } })),
    staleTime: 60_000,
  });
  const branches = refs.data?.branches ?? [];
  const tags = refs.data?.tags ?? [];
  const named = [...branches, ...tags].some((r) => r.name === value);
  // Commits of the chosen branch or tag; a chosen commit keeps the list of main.
  const line = named ? value : 'main';
  const commits = useQuery({
    queryKey: ['commits', repo, line],
    queryFn: () =>
      call(
        api.GET('/api/v1/models/{org}/{name}/commits', {
          params: { path: { org, name }, query: { revision: line, limit: 20 } },
        }),
      ),
    enabled: refs.isSuccess,
    staleTime: 60_000,
  });
  const listed = named || (commits.data?.commits ?? []).some((c) => c.id === value);

  if (refs.isError) {
    return (
      <FormGroup label="Revision" fieldId="install-revision">
        <TextInput id="install-revision" value={value} onChange={(_e, v) => onChange(v)} />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>A branch, tag or commit.</HelperTextItem>
          </HelperText>
        </FormHelperText>
        <ProblemAlert error={refs.error} title="Branches and tags not available" />
      </FormGroup>
    );
  }
  return (
    <FormGroup label="Revision" fieldId="install-revision">
      <FormSelect
        id="install-revision"
        value={value}
        onChange={(_e, v) => onChange(v)}
        isDisabled={refs.isPending}
        aria-label="Revision"
      >
        {refs.isPending && <FormSelectOption value={value} label={`${value} (loading branches…)`} />}
        {!refs.isPending && !listed && <FormSelectOption value={value} label={value} />}
        {branches.length > 0 && (
          <FormSelectOptionGroup label="Branches">
            {branches.map((b) => (
              <FormSelectOption key={`b-${b.name}`} value={b.name} label={`${b.name} (${short(b.targetCommit)})`} />
            ))}
          </FormSelectOptionGroup>
        )}
        {tags.length > 0 && (
          <FormSelectOptionGroup label="Tags">
            {tags.map((t) => (
              <FormSelectOption key={`t-${t.name}`} value={t.name} label={`${t.name} (${short(t.targetCommit)})`} />
            ))}
          </FormSelectOptionGroup>
        )}
        {(commits.data?.commits ?? []).length > 0 && (
          <FormSelectOptionGroup label={`Recent commits of ${line}`}>
            {commits.data!.commits!.map((c) => (
              <FormSelectOption
                key={`c-${c.id}`}
                value={c.id!}
                label={`${short(c.id)} ${c.title ?? ''} (${c.date?.slice(0, 10) ?? '?'}${
                  (c.authors ?? []).length > 0 ? `, ${c.authors!.join(', ')}` : ''
                })`}
              />
            ))}
          </FormSelectOptionGroup>
        )}
      </FormSelect>
      <FormHelperText>
        <HelperText>
          <HelperTextItem>
            A branch or tag installs the commit it points to when the install starts; a commit is fixed.
          </HelperTextItem>
        </HelperText>
      </FormHelperText>
      {commits.isError && <ProblemAlert error={commits.error} title="Recent commits not available" />}
    </FormGroup>
  );
}
