import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { compactListeners } from '../../server/realtime/lean-connection.ts';

describe('compactListeners', () => {
  it('keeps every listener, in order, with once and removal working as before', () => {
    const e = new EventEmitter();
    const heard: string[] = [];
    const a = (x: number) => heard.push(`a${x}`);
    const b = (x: number) => heard.push(`b${x}`);
    e.on('data', a);
    e.on('data', b);
    e.once('close', () => heard.push('closed'));
    e.on('error', () => heard.push('error'));
    const before = (e as unknown as { _events: object })._events;
    compactListeners(e);
    const after = (e as unknown as { _events: object })._events;
    expect(after).not.toBe(before);
    expect(Object.getPrototypeOf(after)).toBeNull();
    expect(e.eventNames()).toEqual(['data', 'close', 'error']);
    expect([e.listenerCount('data'), e.listenerCount('close'), e.listenerCount('nothing')]).toEqual([2, 1, 0]);
    e.emit('data', 1);
    e.emit('close');
    e.emit('close');
    e.off('data', a);
    e.emit('data', 2);
    e.on('drain', () => heard.push('drain'));
    e.emit('drain');
    e.emit('error', new Error('x'));
    expect(heard).toEqual(['a1', 'b1', 'closed', 'b2', 'drain', 'error']);
    // A table whose keys look like Object.prototype's are still just event names.
    e.on('toString', () => heard.push('toString'));
    compactListeners(e);
    e.emit('toString');
    expect(heard.at(-1)).toBe('toString');
    expect(e.listenerCount('hasOwnProperty')).toBe(0);
  });

  it('leaves an emitter with no table, or none at all, alone', () => {
    expect(() => compactListeners(null)).not.toThrow();
    expect(() => compactListeners(undefined)).not.toThrow();
    const bare = Object.create(EventEmitter.prototype) as EventEmitter;
    compactListeners(bare);
    expect((bare as unknown as { _events?: object })._events).toBeUndefined();
  });
});
