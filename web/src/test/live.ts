// A stand-in for @microsoft/signalr in unit tests (the real client opens sockets): connections start only when a test
// says the server is up (liveServer.up), and a test pushes what the server would send (liveServer.push).
type Handler = (...args: unknown[]) => void;

class FakeConnection {
  state = 'Disconnected';
  readonly handlers = new Map<string, Handler>();
  closed: Handler[] = [];

  constructor(readonly url: string) {}

  on(target: string, handler: Handler) {
    this.handlers.set(target, handler);
  }

  onreconnecting() {}

  onreconnected() {}

  onclose(handler: Handler) {
    this.closed.push(handler);
  }

  async start() {
    if (!liveServer.up) throw new Error('no live server in this test');
    this.state = 'Connected';
    liveServer.connections.push(this);
  }

  async stop() {
    this.state = 'Disconnected';
    liveServer.connections.splice(liveServer.connections.indexOf(this) >>> 0, 1);
  }

  /** The connection drops (the page goes back to polling). */
  drop() {
    this.state = 'Disconnected';
    for (const h of this.closed) h();
  }
}

export const liveServer = {
  up: false,
  connections: [] as FakeConnection[],
  push(target: string, payload: unknown) {
    for (const c of liveServer.connections) c.handlers.get(target)?.(payload);
  },
  reset() {
    liveServer.up = false;
    liveServer.connections.length = 0;
  },
};

export class HubConnectionBuilder {
  private url = '';

  withUrl(url: string) {
    this.url = url;
    return this;
  }

  withAutomaticReconnect() {
    return this;
  }

  configureLogging() {
    return this;
  }

  build() {
    return new FakeConnection(this.url);
  }
}

export const HubConnectionState = { Connected: 'Connected', Disconnected: 'Disconnected' };
export const LogLevel = { None: 6 };
