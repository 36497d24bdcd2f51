import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../auth/AuthContext';

/** What a listening page is told: this location's times changed (it reads them again through the API). */
export interface CalendarChanged {
  locationId: string;
  date: string;
}

/**
 * Listens for changes pushed by the server (Azure SignalR Service, or the same protocol on one machine): `path` is the
 * negotiate base (`/api/live/calendar` for staff, `/api/booking/live` for anyone booking), which sends the client on
 * to the service with a token for one hub. Reconnects on its own; returns whether it is connected, so the page polls
 * while it is not (a dropped connection never leaves a page stale).
 */
export function useLiveChanges(path: string | null, onChange: (change: CalendarChanged) => void): boolean {
  const api = useApi();
  const [connected, setConnected] = useState(false);
  const handler = useRef(onChange);
  useEffect(() => {
    handler.current = onChange;
  });

  useEffect(() => {
    if (!path) return;
    let stopped = false;
    const connection = new HubConnectionBuilder()
      .withUrl(api.url(path), { accessTokenFactory: async () => (await api.accessToken()) ?? '' })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.None)
      .build();
    connection.on('calendarChanged', (change: CalendarChanged) => handler.current(change));
    connection.onreconnecting(() => setConnected(false));
    connection.onreconnected(() => setConnected(true));
    connection.onclose(() => setConnected(false));
    connection
      .start()
      .then(() => {
        if (stopped) void connection.stop();
        else setConnected(connection.state === HubConnectionState.Connected);
      })
      .catch(() => setConnected(false)); // no live updates here (or not now): the page polls
    return () => {
      stopped = true;
      void connection.stop();
    };
  }, [path, api]);

  return connected;
}
