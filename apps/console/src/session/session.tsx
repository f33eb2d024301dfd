/**
 * The signed-in key: kept in session storage only (gone when the tab closes), sent as
 * `Authorization: Bearer`, checked with `GET /v1/me`. Signing out forgets it and every
 * cached answer.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, setApiKey } from '../api/client';
import type { Me } from '../api/types';

const STORAGE_KEY = 'complaints-console.api-key';

interface Session {
  key: string | null;
  me: Me | null;
  signIn(key: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

function storedSession(): { key: string; me: Me } | null {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as { key: string; me: Me }) : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState(storedSession);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setState(null);
    queryClient.clear();
  }, [queryClient]);

  setApiKey(state?.key ?? null, signOut);

  const signIn = useCallback(async (key: string) => {
    const me = await api<Me>('/v1/me', { key });
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ key, me }));
    setApiKey(key, signOut);
    setState({ key, me });
  }, [signOut]);

  const value = useMemo(() => ({ key: state?.key ?? null, me: state?.me ?? null, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
