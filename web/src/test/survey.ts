import { beforeAll } from 'vitest';

/**
 * What SurveyJS needs from a browser that jsdom lacks: a ResizeObserver, and a canvas 2D context for the signature
 * pad (it draws nothing in jsdom; tests set a signature's value through the model instead).
 */
export function withSurveyJsDom() {
  beforeAll(() => {
    if (!('ResizeObserver' in globalThis)) {
      class NoResizeObserver {
        observe() {}
        unobserve() {}
        disconnect() {}
      }
      (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;
    }
    const noop = () => {};
    const context = new Proxy({} as Record<string, unknown>, {
      get: (target, key) => (key in target ? target[key as string] : noop),
      set: (target, key, value) => {
        target[key as string] = value;
        return true;
      },
    });
    HTMLCanvasElement.prototype.getContext = (() => context) as unknown as HTMLCanvasElement['getContext'];
    HTMLCanvasElement.prototype.toDataURL = () => 'data:image/png;base64,';
  });
}
