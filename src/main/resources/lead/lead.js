'use strict';
// The clinical lead's view of the rule set, on the management port beside the calls it reads. Everything the
// service sends is shown as text (never as markup): rule texts and rejection messages come from rule files.

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  });
  children.forEach(c => e.append(c));
  return e;
}

async function json(path, options) {
  const res = await fetch(path, Object.assign({ headers: { 'X-Requested-With': 'JavaScript' } }, options || {}));
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

function impactView(impact) {
  if (!impact) return el('p', { text: 'No impact report.' });
  const box = el('div', { id: 'impact' });
  box.append(el('p', { text: `Compared with ${impact.activeVersion}: ${impact.recorded} recorded plans `
    + `(${impact.windowFrom ? impact.windowFrom.slice(0, 10) : '?'} to ${impact.windowTo ? impact.windowTo.slice(0, 10) : '?'}) `
    + `and ${impact.scenarios} scenarios replayed; ${impact.changed} would change.` }));
  if (impact.scenariosGateOnly) {
    box.append(el('p', { class: 'hint', text: `The other ${impact.scenariosGateOnly} of `
      + `${impact.scenarios + impact.scenariosGateOnly} scenarios run under their own site parameters or expect a `
      + `refusal: the gate ran them.` }));
  }
  if (impact.unreadable) {
    box.append(el('p', { class: 'hint', text: `${impact.unreadable} recorded requests could not be read any more and were left out.` }));
  }
  const counts = el('ul', { id: 'impact-counts' });
  Object.entries(impact.changes).forEach(([kind, n]) =>
    counts.append(el('li', { class: n ? 'change' : '', 'data-kind': kind, text: `${kind.replace('_', ' ').toLowerCase()}: ${n}` })));
  box.append(counts);
  if (impact.examples.length) {
    const t = el('table', { id: 'impact-examples' }, el('thead', {}, el('tr', {},
      ...['Change', 'Plan or scenario', 'Before', 'After', 'Rules now firing', 'Rules no longer firing']
        .map(h => el('th', { scope: 'col', text: h })))));
    const body = el('tbody');
    impact.examples.forEach(e => body.append(el('tr', {},
      el('td', { text: e.kind }), el('td', { text: `${e.source === 'SCENARIO' ? 'scenario' : 'plan'} ${e.id}` }),
      el('td', { text: e.before }), el('td', { text: e.after }),
      el('td', { text: e.rulesAppeared.join(', ') }), el('td', { text: e.rulesDisappeared.join(', ') }))));
    t.append(body);
    box.append(t);
  }
  return box;
}

function rejectionView(r) {
  const box = el('div', {});
  box.append(el('p', { class: 'warn', text: `Rejected (${r.trigger}, ${r.at}): the active rules kept serving.` }));
  const list = el('ul', { class: 'rejection' });
  (r.problems || []).forEach(p => list.append(el('li', { text: `${p.file}:${p.line}: ${p.message}` })));
  (r.scenarioFailures || []).forEach(f => list.append(el('li', { text: `scenario ${f.scenario}: ${f.differences.join('; ')}` })));
  box.append(list);
  return box;
}

function candidateView(c) {
  if (!c) return el('p', { text: 'None checked or reloaded since the service started.' });
  const box = el('div', {});
  const what = c.activated ? 'Reloaded and serving' : (c.accepted ? 'Checked, would be accepted (not activated)' : 'Checked, would be rejected');
  box.append(el('p', { class: c.accepted ? 'ok' : 'warn', id: 'candidate-verdict',
    text: `${what}: ${c.version || 'no version'} (${c.trigger}${c.caller ? ', ' + c.caller : ''}, ${c.judgedAt})` }));
  if (c.rejection) box.append(rejectionView(c.rejection));
  if (c.impactPending) box.append(el('p', { text: 'Replaying recorded plans…' }));
  else if (c.accepted) box.append(impactView(c.impact));
  return box;
}

let overridden = {};

function renderRules(rules, trace) {
  const scenarios = {};
  trace.forEach(t => t.rules.forEach(r => { scenarios[r.id] = t.scenarios.length; }));
  const body = document.querySelector('#rules tbody');
  body.replaceChildren(...rules.map(r => {
    const o = overridden[r.id];
    return el('tr', { 'data-rule': r.id, 'data-text': [r.id, r.specId, r.name, r.file, (r.sources || []).join(' ')].join(' ').toLowerCase() },
      el('td', {}, el('code', { text: r.id })), el('td', { text: r.specId }),
      el('td', {}, r.name, el('br'), el('small', { class: 'hint', text: r.file })),
      el('td', { text: r.strength }), el('td', { text: (r.sources || []).join('; ') }), el('td', { text: r.reviewed || '' }),
      el('td', { text: String(scenarios[r.id] || 0) }),
      el('td', { text: o && o.overrideRate !== null ? `${Math.round(o.overrideRate * 100)}% of ${o.accepted + o.overridden}` : '' }));
  }));
}

function renderOverrides(analytics) {
  const box = document.getElementById('overrides');
  const rows = analytics.rules.filter(r => r.accepted + r.overridden > 0)
    .sort((a, b) => b.overridden - a.overridden || a.ruleId.localeCompare(b.ruleId));
  overridden = Object.fromEntries(analytics.rules.map(r => [r.ruleId, r]));
  if (!rows.length) {
    box.replaceChildren(el('p', { text: 'No answers recorded in this period.' }));
    return;
  }
  const t = el('table', { id: 'override-table' }, el('thead', {}, el('tr', {},
    ...['Rule', 'Shown', 'Followed', 'Overridden', 'Rate', 'Reasons'].map(h => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  rows.forEach(r => body.append(el('tr', { 'data-rule': r.ruleId },
    el('td', {}, el('code', { text: r.ruleId })), el('td', { text: String(r.shown) }), el('td', { text: String(r.accepted) }),
    el('td', { text: String(r.overridden) }), el('td', { text: r.overrideRate === null ? '' : `${Math.round(r.overrideRate * 100)}%` }),
    el('td', { text: Object.entries(r.reasons).map(([k, n]) => `${k} ${n}`).join(', ') }))));
  t.append(body);
  box.replaceChildren(t);
}

async function load() {
  const [rules, trace, analytics] = await Promise.all([
    json('../api/v1/rules'), json('../api/v1/rules/traceability'),
    json('../api/v1/analytics/rules?from=' + new Date(Date.now() - 90 * 864e5).toISOString())]);
  if (rules.status !== 200) {
    document.getElementById('active').textContent = rules.status === 403
      ? 'This page is for clinical leads: your account does not have that role.'
      : `The rule set could not be read (${rules.status}).`;
    return;
  }
  const r = rules.body;
  document.getElementById('active').textContent =
    `Active rule set ${r.version}, loaded ${r.loadedAt}, ${r.count} rules from ${r.directory}` + (r.reloading ? ' (a reload is running)' : '');
  document.getElementById('last-candidate').replaceChildren(candidateView(r.lastCandidate));
  document.getElementById('last-rejected').replaceChildren(r.lastRejected ? rejectionView(r.lastRejected)
    : el('p', { text: 'None since the service started.' }));
  if (analytics.status === 200) renderOverrides(analytics.body);
  document.querySelector('#parameters tbody').replaceChildren(...(r.parameters || []).map(p => el('tr', {},
    el('td', {}, el('code', { text: p.name })), el('td', { text: p.choice ? p.choice : String(p.value) }))));
  renderRules(r.rules, trace.status === 200 ? trace.body : []);
  filter();
}

function filter() {
  const q = document.getElementById('filter').value.trim().toLowerCase();
  document.querySelectorAll('#rules tbody tr').forEach(tr => { tr.hidden = q !== '' && !tr.dataset.text.includes(q); });
}

async function check(event) {
  event.preventDefault();
  const file = document.getElementById('candidate-file').files[0];
  const status = document.getElementById('check-status');
  if (!file) return;
  status.textContent = 'Checking: compiling, running every scenario and replaying recorded plans…';
  const res = await json('../api/v1/rules/check', { method: 'POST', body: file,
    headers: { 'Content-Type': 'application/zip', 'X-Requested-With': 'JavaScript' } });
  if (res.status === 200 || res.status === 422) {
    status.textContent = res.status === 200 ? 'Would be accepted. Not activated.' : 'Would be rejected.';
    document.getElementById('last-candidate').replaceChildren(candidateView(res.body));
  } else {
    status.textContent = (res.body && res.body.detail) || `The check could not run (${res.status}).`;
  }
}

document.getElementById('filter').addEventListener('input', filter);
document.getElementById('check-form').addEventListener('submit', check);
load();
