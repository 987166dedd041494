import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Form, TextInput } from '@patternfly/react-core';
import { useNavigate } from 'react-router';

/** Whether a key press should stay in what has focus (typing in a field) rather than jump. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The masthead's model search: Enter opens Discover with the query; "/" focuses it anywhere. */
export function GlobalSearch() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const query = q.trim();
    navigate(query ? `/discover?q=${encodeURIComponent(query)}` : '/discover');
    input.current?.blur();
  }

  return (
    <Form onSubmit={submit} role="search" aria-label="Find models">
      <TextInput
        ref={input}
        type="search"
        aria-label="Find models on Hugging Face (press / to focus)"
        placeholder="Find models…  /"
        value={q}
        onChange={(_e, v) => setQ(v)}
      />
    </Form>
  );
}
