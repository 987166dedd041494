import { Title } from '@patternfly/react-core';
import { Link } from 'react-router';
import { usePreferences } from '../../lib/preferences';

/** The signed-in person's favorite models (the preferences), as links to their pages. */
export function Favorites() {
  const prefs = usePreferences();
  const favorites = prefs.data?.favorites ?? [];
  if (favorites.length === 0) return null;
  return (
    <section aria-labelledby="favorites-title" style={{ margin: '1rem 0' }}>
      <Title headingLevel="h2" size="md" id="favorites-title" style={{ marginBottom: '0.5rem' }}>
        Your favorites
      </Title>
      <ul className="mm-chips">
        {favorites.map((id) => (
          <li key={id}>
            <Link to={`/models/${id}`}>
              <span aria-hidden="true">★ </span>
              {id}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
