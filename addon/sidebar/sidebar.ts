/**
 * The sidebar: Validate (dry run), Sync with a progress bar and Cancel (the server works in
 * steps; this page keeps calling continueSync until the sync is over, and picks a running
 * sync up again when reopened), local mode, headline numbers and the settings form.
 */
import type { Headline, SidebarState, SyncState, Validation } from '../../shared/wire/sidebar.ts';
import { SETTING_LABELS } from '../src/setting-labels.ts';
import { server } from './server.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const int = (n: number) => n.toLocaleString('en-US');

function money(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(cents / 100);
  } catch {
    return `${int(Math.round(cents / 100))} ${currency}`;
  }
}

function say(text: string, error = false) {
  const el = $('message');
  el.textContent = text;
  el.className = error ? 'error' : '';
}

let state: SidebarState | null = null;
let cancelling = false;

/** A list row: a name on the left, a figure on the right (with an optional class). */
function row(name: string, figure: string, figureClass = ''): HTMLLIElement {
  const li = document.createElement('li');
  const left = document.createElement('span');
  const right = document.createElement('span');
  left.textContent = name;
  right.textContent = figure;
  if (figureClass) right.className = figureClass;
  li.append(left, right);
  return li;
}

function monthTitle(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return `${month} ${y}`;
}

function showHeadline(h: Headline | null) {
  $('headline').hidden = !h;
  if (!h) return;
  $('h-mrr').textContent = money(h.mrr, h.currency);
  $('h-arr').textContent = money(h.arr, h.currency);
  $('h-customers').textContent = int(h.customers);
  const m = h.lastMonth;
  const month = $('h-month');
  month.innerHTML = '';
  if (m) {
    const title = document.createElement('h2');
    title.textContent = `${monthTitle(m.date)} movements`;
    const list = document.createElement('ul');
    list.className = 'rows';
    const movements: [string, number][] = [
      ['New business', m.newBiz], ['Expansion', m.expansion], ['Reactivation', m.reactivation],
      ['Contraction', m.contraction], ['Churn', m.churn],
    ];
    for (const [name, cents] of movements) {
      list.appendChild(row(name, money(cents, h.currency), cents > 0 ? 'gain' : cents < 0 ? 'loss' : ''));
    }
    month.append(title, list);
  }
  const synced = new Date(h.syncedAt).toLocaleString('en-US', { dateStyle: 'short', timeStyle: 'short' });
  $('h-synced').textContent = `Synced ${synced} · as of ${h.asOf}`;
}

function showProgress(sync: SyncState) {
  $('progress').hidden = false;
  const total = sync.datasets.reduce((a, d) => a + d.rows, 0) || 1;
  const sent = sync.datasets.reduce((a, d) => a + d.sent, 0);
  $('bar-fill').style.width = `${Math.round((100 * sent) / total)}%`;
  const current = sync.datasets[Math.min(sync.current, sync.datasets.length - 1)];
  const underWay = sync.status === 'running' || sync.status === 'writing results';
  $('progress-text').textContent =
    underWay && sync.message
      ? sync.message // e.g. the server is still computing figures
      : sync.status === 'running' && current
      ? `${current.tab}: ${int(current.sent)} / ${int(current.rows)} rows sent, ${int(current.accepted)} accepted, ${int(current.rejected)} rejected`
      : sync.status === 'writing results' ? 'Writing the result tabs…' : `Sync ${sync.status}`;
  $('progress-tabs').innerHTML = '';
  for (const d of sync.datasets) {
    const li = row(
      d.tab,
      d.rejected ? `${int(d.accepted)} of ${int(d.rows)} accepted, ${int(d.rejected)} rejected` : `${int(d.accepted)} of ${int(d.rows)} accepted`,
      d.rejected ? 'bad' : '',
    );
    if (d.rows === 0) li.className = 'empty';
    if (d.rejected) li.title = 'Rejected rows have their cells marked in the tab';
    $('progress-tabs').appendChild(li);
  }
}

function busy(on: boolean) {
  ($('validate') as HTMLButtonElement).disabled = on;
  ($('sync') as HTMLButtonElement).disabled = on;
  ($('create-tabs') as HTMLButtonElement).disabled = on;
  $('cancel').hidden = !on || state?.mode !== 'api';
}

async function runSync(first: SyncState) {
  busy(true);
  let sync = first;
  showProgress(sync);
  while (sync.status === 'running' || sync.status === 'writing results') {
    sync = await server.continueSync();
    showProgress(sync);
  }
  busy(false);
  cancelling = false;
  if (sync.status === 'done') {
    say('Synced. The result tabs are up to date.');
    showHeadline((await server.getSidebarState()).headline);
  } else {
    say(sync.message ?? `Sync ${sync.status}`, sync.status === 'failed');
  }
}

function showValidation(v: Validation) {
  if (v.notice) {
    $('problems').hidden = true;
    say(v.notice);
    return;
  }
  $('problems').hidden = v.errors === 0;
  $('problems-title').textContent = `${int(v.errors)} problem${v.errors === 1 ? '' : 's'} (cells marked in the tabs)`;
  $('problem-list').innerHTML = '';
  for (const e of v.firstErrors) {
    const li = document.createElement('li');
    li.textContent = `${e.tab} row ${e.row}, ${e.column}: ${e.message}`;
    $('problem-list').appendChild(li);
  }
  const rows = v.tabs.map((t) => `${t.tab} ${int(t.rows)}${t.rejected ? ` (${int(t.rejected)} rejected)` : ''}`).join(' · ');
  say(v.errors === 0 ? `Every row is valid. ${rows}` : rows, false);
}

async function onValidate() {
  busy(true);
  say('Validating…');
  try {
    showValidation(await server.validateSheet());
  } catch (e) {
    say((e as Error).message, true);
  } finally {
    busy(false);
  }
}

async function onSync() {
  if (state?.mode === 'local') {
    busy(true);
    say('Computing in this sheet…');
    try {
      const { summary, headline } = await server.computeLocally();
      showValidation(summary);
      showHeadline(headline);
      say('Computed in this sheet. The result tabs are up to date.');
    } catch (e) {
      say((e as Error).message, true);
    } finally {
      busy(false);
    }
    return;
  }
  say('Syncing…');
  try {
    await runSync(await server.startSync());
  } catch (e) {
    busy(false);
    say((e as Error).message, true);
  }
}

async function onCancel() {
  if (cancelling) return;
  cancelling = true;
  say('Cancelling after the current chunk…');
  await server.cancelSync();
}

function fillSettings(s: SidebarState['settings']) {
  const form = $<HTMLFormElement>('settings-form');
  const set = (name: string, value: unknown) => {
    const input = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    if (input) input.value = value === null || value === undefined ? '' : String(value);
  };
  set('apiUrl', s.apiUrl);
  set('source', s.source);
  set('segment', s.segment);
  (form.elements.namedItem('apiKey') as HTMLInputElement).placeholder = s.hasApiKey ? 'set (leave empty to keep)' : 'not set';
  for (const [k, v] of Object.entries(s.engine)) set(k, v);
}

async function onSaveSettings(event: Event) {
  event.preventDefault();
  const form = new FormData($<HTMLFormElement>('settings-form'));
  const text = (name: string) => String(form.get(name) ?? '');
  const input = {
    apiUrl: text('apiUrl'),
    apiKey: text('apiKey') === '' ? undefined : text('apiKey'),
    source: text('source'),
    segment: text('segment'),
    engine: {
      base_currency: text('base_currency'),
      churn_recognition: text('churn_recognition'),
      auto_churn: text('auto_churn'),
      sac_window_minutes: text('sac_window_minutes'),
      transaction_fees: text('transaction_fees'),
    },
  };
  const { errors } = await server.saveSettings(input);
  // The key is write-only: once sent, it leaves the page (the placeholder says whether one is set).
  ($<HTMLFormElement>('settings-form').elements.namedItem('apiKey') as HTMLInputElement).value = '';
  $('settings-message').textContent = errors.length ? errors.join('; ') : 'Saved.';
  $('settings-message').className = errors.length ? 'error' : '';
  await load();
}

/** With no server: what Compute in this sheet does and how to connect one. */
function showConnectHint(s: SidebarState) {
  const hint = $('connect-hint');
  hint.hidden = s.mode !== 'local';
  hint.textContent = s.settings.apiUrl
    ? `To sync to ${s.settings.apiUrl}, set Settings → API key; until then, Compute in this sheet runs Mogul right here.`
    : 'No server connected: Compute in this sheet runs Mogul right here. To sync to a Mogul server, ' +
      'set Settings → API URL and API key (the README shows how to deploy one).';
}

async function onCreateTabs() {
  busy(true);
  try {
    const { message } = await server.createTemplateTabs();
    await load();
    say(`${message} Fill them in (the example rows show how), then Validate.`);
  } catch (e) {
    say((e as Error).message, true);
  } finally {
    busy(false);
  }
}

async function load() {
  state = await server.getSidebarState();
  $('mode').textContent = state.mode === 'api' ? state.settings.apiUrl : 'Local mode (no API set)';
  $('sync').textContent = state.mode === 'api' ? 'Sync to Mogul' : 'Compute in this sheet';
  $('first-run').hidden = state.templateTabs;
  $('sync').classList.toggle('primary', state.templateTabs); // one primary action: create the tabs first
  showConnectHint(state);
  showHeadline(state.headline);
  fillSettings(state.settings);
  if (state.sync && (state.sync.status === 'running' || state.sync.status === 'writing results')) {
    say('A sync was under way; going on from where it stopped.');
    void runSync(state.sync);
  }
}

for (const span of document.querySelectorAll<HTMLElement>('[data-label]')) {
  span.textContent = SETTING_LABELS[span.dataset.label as keyof typeof SETTING_LABELS] ?? span.dataset.label!;
}
$('validate').addEventListener('click', () => void onValidate());
$('sync').addEventListener('click', () => void onSync());
$('cancel').addEventListener('click', () => void onCancel());
$('create-tabs').addEventListener('click', () => void onCreateTabs());
$('open-settings').addEventListener('click', (e) => {
  e.preventDefault();
  document.body.dataset.view = 'settings';
});
$('back').addEventListener('click', () => (document.body.dataset.view = 'sync'));
$('settings-form').addEventListener('submit', (e) => void onSaveSettings(e));
void load().catch((e: Error) => say(e.message, true));
