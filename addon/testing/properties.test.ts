import { describe, expect, test } from 'vitest';
import { FakeClock } from './clock.ts';
import { FakePropertiesService, MAX_VALUE_BYTES } from './properties.ts';
import { Runtime } from './runtime.ts';

const make = () => {
  const rt = new Runtime(new FakeClock());
  return { rt, svc: new FakePropertiesService(rt) };
};

describe('PropertiesService', () => {
  test('strings in, strings out; stores are separate', () => {
    const { svc } = make();
    const doc = svc.getDocumentProperties();
    doc.setProperty('n', 5 as unknown as string).setProperty('s', 'x');
    expect(doc.getProperty('n')).toBe('5');
    expect(doc.getProperty('missing')).toBeNull();
    expect(svc.getUserProperties().getProperty('s')).toBeNull();
    expect(svc.getDocumentProperties().getProperties()).toEqual({ n: '5', s: 'x' });
    doc.deleteProperty('n');
    expect(doc.getKeys()).toEqual(['s']);
  });

  test('setProperties with and without deleteAllOthers', () => {
    const { svc } = make();
    const p = svc.getScriptProperties();
    p.setProperties({ a: '1', b: '2' });
    p.setProperties({ c: '3' });
    expect(p.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    p.setProperties({ d: '4' }, true);
    expect(p.getProperties()).toEqual({ d: '4' });
    p.deleteAllProperties();
    expect(p.getProperties()).toEqual({});
  });

  test('9 KB per value, 500 KB per store, all or nothing', () => {
    const { svc } = make();
    const p = svc.getDocumentProperties();
    p.setProperty('ok', 'x'.repeat(MAX_VALUE_BYTES));
    expect(() => p.setProperty('big', 'x'.repeat(MAX_VALUE_BYTES + 1))).toThrow('Argument too large: value');
    expect(() => p.setProperty('utf8', 'é'.repeat(5000))).toThrow('Argument too large: value');
    for (let i = 0; i < 54; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => p.setProperties({ a: 'x'.repeat(9000), b: 'x'.repeat(9000) })).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(p.getProperty('a')).toBeNull();
    expect(() => p.setProperty('v', null as unknown as string)).toThrow('Invalid argument: value');
  });

  test('writes refused while a custom function runs; reads allowed', () => {
    const { rt, svc } = make();
    svc.getDocumentProperties().setProperty('k', 'v');
    rt.begin('custom-function');
    expect(svc.getDocumentProperties().getProperty('k')).toBe('v');
    expect(() => svc.getDocumentProperties().setProperty('k', 'w')).toThrow('You do not have permission to call setProperty');
    expect(() => svc.getDocumentProperties().deleteAllProperties()).toThrow('You do not have permission to call deleteAllProperties');
  });
});
