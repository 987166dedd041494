import { lazy, Suspense, useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './lib/problem';
import { getToken } from './lib/token';
import { hasSession } from './lib/session';
import { LoadingRows } from './components/States';
import { Login } from './pages/Login';
import { Shell } from './components/Shell';

const Discover = lazy(() => import('./pages/Discover'));
const ModelPage = lazy(() => import('./pages/ModelPage'));
const Jobs = lazy(() => import('./pages/Jobs'));
const Weights = lazy(() => import('./pages/Weights'));
const Catalog = lazy(() => import('./pages/Catalog'));
const CatalogEntry = lazy(() => import('./pages/CatalogEntry'));
const ProposeEntry = lazy(() => import('./pages/ProposeEntry'));
const Deployments = lazy(() => import('./pages/Deployments'));
const DeploymentPage = lazy(() => import('./pages/DeploymentPage'));
const Activity = lazy(() => import('./pages/Activity'));
const Settings = lazy(() => import('./pages/Settings'));

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        // 4xx will not change on retry; network blips and 5xx/502 might.
        retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
      },
    },
  });
}

export function App() {
  const [client] = useState(makeQueryClient);
  // A pasted token signs in at once; without one, a browser session (OIDC sign-in) may exist.
  const [signedIn, setSignedIn] = useState<boolean | null>(() => (getToken() !== null ? true : null));

  useEffect(() => {
    if (signedIn !== null) return;
    let live = true;
    void hasSession().then((yes) => live && setSignedIn(yes));
    return () => {
      live = false;
    };
  }, [signedIn]);

  useEffect(() => {
    const out = () => {
      client.clear();
      setSignedIn(false);
    };
    window.addEventListener('mm:signed-out', out);
    return () => window.removeEventListener('mm:signed-out', out);
  }, [client]);

  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        {signedIn === null ? (
          <LoadingRows label="Checking the session" />
        ) : signedIn ? (
          <Shell>
            <Suspense fallback={<LoadingRows label="Loading page" />}>
              <Routes>
                <Route path="/" element={<Navigate to="/discover" replace />} />
                <Route path="/login" element={<Navigate to="/discover" replace />} />
                <Route path="/discover" element={<Discover />} />
                <Route path="/models/:org/:name" element={<ModelPage />} />
                <Route path="/jobs" element={<Jobs />} />
                <Route path="/weights" element={<Weights />} />
                <Route path="/catalog" element={<Catalog />} />
                <Route path="/catalog/:id" element={<CatalogEntry />} />
                <Route path="/catalog/propose/:org/:name" element={<ProposeEntry />} />
                <Route path="/deployments" element={<Deployments />} />
                <Route path="/deployments/:name" element={<DeploymentPage />} />
                <Route path="/activity" element={<Activity />} />
                <Route path="/settings" element={<Settings />} />
                <Route path="*" element={<Navigate to="/discover" replace />} />
              </Routes>
            </Suspense>
          </Shell>
        ) : (
          <Login onSignedIn={() => setSignedIn(true)} />
        )}
      </BrowserRouter>
    </QueryClientProvider>
  );
}
