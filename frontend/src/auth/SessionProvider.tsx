// Who is logged in: the token (tokenStore) and the person (/me, remembered for offline starts).
// What the tablet keeps for offline use belongs to that person: cleared at logout and when
// someone else logs in (offline/forget.ts).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, call } from "../api/client";
import type { Me } from "../api/types";
import { claimOfflineData, forgetOfflineData, sendQueuedNotes } from "../offline/forget";
import { rememberDeviceName } from "./deviceName";
import { onTokenChange, readToken, saveToken } from "./tokenStore";

const ME_KEY = "kyhop.me";

interface Session {
  token: string | null;
  me: Me | null;
  login: (username: string, password: string, deviceName: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

function rememberedMe(): Me | null {
  try {
    const text = localStorage.getItem(ME_KEY);
    return text ? (JSON.parse(text) as Me) : null;
  } catch {
    return null;
  }
}

function rememberMe(me: Me | null): void {
  try {
    if (me) localStorage.setItem(ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_KEY);
  } catch {
    // offline start will ask the server again
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);
  const [me, setMe] = useState<Me | null>(() => (readToken() ? rememberedMe() : null));

  useEffect(
    () =>
      onTokenChange((next) => {
        setToken(next);
        if (!next) {
          setMe(null);
          rememberMe(null);
        }
      }),
    [],
  );

  // Refresh who we are whenever there is a token (roles may have changed since last time).
  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    call(api.GET("/api/v1/me"))
      .then((fresh) => {
        if (cancelled) return;
        setMe(fresh);
        rememberMe(fresh);
        void claimOfflineData(fresh.id);
      })
      .catch(() => undefined); // offline: keep the remembered one; 401 clears the token
    return () => {
      cancelled = true;
    };
  }, [token]);

  const login = useCallback(async (username: string, password: string, deviceName: string) => {
    const answer = await call(
      api.POST("/api/v1/auth/login", { body: { username, password, device_name: deviceName } }),
    );
    rememberDeviceName(deviceName);
    await claimOfflineData(answer.user.id);
    rememberMe(answer.user);
    setMe(answer.user);
    saveToken(answer.token);
  }, []);

  const logout = useCallback(async () => {
    await sendQueuedNotes();
    try {
      await call(api.POST("/api/v1/auth/logout"));
    } catch {
      // offline or already revoked: forget the token here anyway
    }
    saveToken(null);
    await forgetOfflineData();
  }, []);

  const value = useMemo(() => ({ token, me, login, logout }), [token, me, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
