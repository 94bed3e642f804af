'use strict';
// Ketaplan clinician page: a form for every fact of the v1 PlanRequest (empty = unknown) and a readable plan.

const TRI = [['', 'Unknown'], ['true', 'Yes'], ['false', 'No']];
const opts = (...values) => [['', 'Unknown'], ...values.map(v => [v, v.replaceAll('_', ' ').toLowerCase()])];

// Sections as a clinician thinks of them. Each field: request path, label, kind, and limits where the
// contract has them (the server checks them again and answers with the field in error).
const SECTIONS = [
  { title: 'Patient', fields: [
    ['asOf', 'Plan date', 'date'],
    ['patient.ageYears', 'Age (years)', 'int', 0, 120],
    ['patient.sex', 'Sex', opts('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')],
    ['patient.weightKg', 'Weight (kg)', 'num', 20, 400],
    ['patient.heightCm', 'Height (cm)', 'num', 100, 250],
    ['patient.childbearingPotential', 'Childbearing potential', TRI],
    ['patient.pregnancyStatus', 'Pregnancy status', opts('NEGATIVE', 'POSITIVE', 'UNKNOWN', 'NOT_APPLICABLE')],
    ['patient.breastfeeding', 'Breastfeeding', TRI]]},
  { title: 'Diagnoses', fields: [
    ['diagnoses.majorDepressiveDisorder', 'Major depressive episode', TRI],
    ['diagnoses.ptsd', 'PTSD', opts('NONE', 'PROBABLE', 'CONFIRMED')],
    ['diagnoses.bipolarDisorder', 'Bipolar disorder', opts('NONE', 'BIPOLAR_I', 'BIPOLAR_II')],
    ['diagnoses.currentManicHypomanicOrMixedEpisode', 'Current manic, hypomanic or mixed episode', TRI],
    ['diagnoses.priorManicOrHypomanicEpisode', 'Prior manic or hypomanic episode', TRI],
    ['diagnoses.psychoticFeatures', 'Psychotic features', opts('NONE', 'PAST', 'CURRENT')],
    ['diagnoses.primaryPsychoticDisorder', 'Primary psychotic disorder', TRI]]},
  { title: 'Treatment history', fields: [
    ['treatmentHistory.adequateAntidepressantTrials', 'Adequate antidepressant trials (this episode)', 'int', 0, 50],
    ['treatmentHistory.adequatePtsdMedicationTrials', 'Adequate SSRI/SNRI trials for PTSD', 'int', 0, 50],
    ['treatmentHistory.traumaFocusedPsychotherapyCompleted', 'Trauma-focused psychotherapy completed', TRI],
    ['treatmentHistory.depressionPsychotherapyCompleted', 'Depression psychotherapy completed', TRI]]},
  { title: 'Scores', rows: 'assessments', add: 'Add score', rowFields: [
    ['instrument', 'Instrument', [['PHQ9', 'PHQ-9'], ['PHQ9_ITEM9', 'PHQ-9 item 9'], ['MADRS', 'MADRS'],
      ['QIDS_SR16', 'QIDS-SR16'], ['PCL5', 'PCL-5'], ['CAPS5', 'CAPS-5'], ['YMRS', 'YMRS'], ['CADSS', 'CADSS']]],
    ['score', 'Score', 'int', 0, 92],
    ['date', 'Date', 'date']]},
  { title: 'Suicide screen (C-SSRS, past month)', fields: [
    ['suicideScreen.date', 'Screen date', 'date'],
    ['suicideScreen.wishToBeDead', '1. Wish to be dead', TRI],
    ['suicideScreen.nonSpecificActiveThoughts', '2. Non-specific active thoughts', TRI],
    ['suicideScreen.methodWithoutIntent', '3. Method, no intent', TRI],
    ['suicideScreen.intentWithoutPlan', '4. Intent, no plan', TRI],
    ['suicideScreen.intentWithPlan', '5. Intent with plan', TRI],
    ['suicideScreen.behavior', '6. Suicidal behaviour', [['', 'Unknown'], ['never', 'Never'], ['months', 'Yes: months ago below']]],
    ['suicideScreen.suicidalBehaviorMonthsAgo', 'Months since behaviour', 'int', 0, 1200],
    ['suicideScreen.imminentDanger', 'Imminent danger', TRI]]},
  { title: 'Vital signs (resting)', rows: 'vitals', add: 'Add reading', rowFields: [
    ['date', 'Date', 'date'], ['systolic', 'Systolic (mmHg)', 'int', 50, 300],
    ['diastolic', 'Diastolic (mmHg)', 'int', 20, 200], ['heartRate', 'Heart rate (/min)', 'int', 20, 250],
    ['spo2', 'SpO2 (%)', 'int', 50, 100]]},
  { title: 'Medical history', fields: [
    ['medicalHistory.aneurysmalVascularDisease', 'Aneurysmal vascular disease', TRI],
    ['medicalHistory.arteriovenousMalformation', 'Arteriovenous malformation', TRI],
    ['medicalHistory.intracerebralHemorrhage', 'Intracerebral haemorrhage (ever)', TRI],
    ['medicalHistory.elevatedIntracranialPressure', 'Elevated intracranial pressure', TRI],
    ['medicalHistory.recentStrokeOrBrainInjury', 'Recent stroke or brain injury', TRI],
    ['medicalHistory.unstableCardiacDisease', 'Unstable cardiac disease', TRI],
    ['medicalHistory.stableCoronaryDisease', 'Stable coronary disease', TRI],
    ['medicalHistory.hypertension', 'Hypertension', TRI],
    ['medicalHistory.hypertensiveEncephalopathy', 'Hypertensive encephalopathy (ever)', TRI],
    ['medicalHistory.hepaticImpairment', 'Hepatic impairment', opts('NONE', 'CHILD_PUGH_A', 'CHILD_PUGH_B', 'CHILD_PUGH_C')],
    ['medicalHistory.preeclampsia', 'Pre-eclampsia or eclampsia', TRI],
    ['medicalHistory.uncontrolledHyperthyroidism', 'Uncontrolled hyperthyroidism', TRI],
    ['medicalHistory.interstitialCystitis', 'Interstitial cystitis', TRI],
    ['medicalHistory.ketamineHypersensitivity', 'Ketamine or esketamine hypersensitivity', TRI]]},
  { title: 'Substance use', fields: [
    ['substanceUse.activeDisorderSeverity', 'Active substance use disorder', opts('NONE', 'MILD', 'MODERATE', 'SEVERE')],
    ['substanceUse.substances', 'Substances used (comma-separated)', 'list'],
    ['substanceUse.pastDisorder', 'Past substance use disorder', TRI],
    ['substanceUse.remissionMonths', 'Months in remission', 'int', 0, 1200],
    ['substanceUse.priorKetamineMisuse', 'Prior ketamine misuse', TRI]]},
  { title: 'Medications', rows: 'medications', add: 'Add medication', listKnown: true, rowFields: [
    ['name', 'Generic name', 'text'], ['dailyDoseMg', 'Daily dose (mg)', 'num', 0, 100000]]},
  { title: 'Setting and preference', fields: [
    ['setting.ivKetamineCapable', 'Site can give monitored IV ketamine', TRI],
    ['setting.esketamineRemsCertified', 'Site is esketamine REMS-certified', TRI],
    ['preferredModality', 'Preferred modality', opts('IV_KETAMINE', 'ESKETAMINE')]]},
  { title: 'Course so far', fields: [
    ['course.modality', 'Course modality', opts('IV_KETAMINE', 'ESKETAMINE')]],
    rows: 'course.sessions', add: 'Add session given', rowFields: [['date', 'Session date', 'date']]},
];


const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
  }
  children.flat().forEach(c => c && e.append(c));
  return e;
};
const words = v => String(v).replaceAll('_', ' ').toLowerCase();
let uid = 0;

function fieldControl(path, label, kind, min, max) {
  const id = 'f' + (++uid);
  let input;
  if (Array.isArray(kind)) {
    input = el('select', { id, name: path, 'data-path': path });
    kind.forEach(([value, text]) => input.append(el('option', { value, text })));
  } else {
    const type = { int: 'number', num: 'number', date: 'date', text: 'text', list: 'text' }[kind];
    input = el('input', { id, name: path, 'data-path': path, type, min, max,
      step: kind === 'int' ? '1' : kind === 'num' ? 'any' : undefined, 'data-kind': kind });
  }
  const wrap = el('div', { class: 'field' }, el('label', { for: id, text: label }), input,
    el('div', { class: 'error', id: id + '-error', 'aria-live': 'polite' }));
  input.setAttribute('aria-describedby', id + '-error');
  return wrap;
}

function addRow(container, rowsPath, fields) {
  const index = container.children.length;
  const row = el('div', { class: 'row', role: 'group', 'aria-label': `${rowsPath} ${index + 1}` });
  fields.forEach(([name, label, kind, min, max]) => row.append(fieldControl(`${rowsPath}[${index}].${name}`, label, kind, min, max)));
  const remove = el('button', { type: 'button', class: 'remove', text: 'Remove', 'aria-label': `Remove ${rowsPath} ${index + 1}` });
  remove.addEventListener('click', () => { row.remove(); renumber(container, rowsPath); });
  row.append(remove);
  container.append(row);
  return row;
}

function renumber(container, rowsPath) {
  [...container.children].forEach((row, i) => row.querySelectorAll('[data-path]').forEach(input => {
    input.dataset.path = input.dataset.path.replace(/\[\d+\]/, `[${i}]`);
    input.name = input.dataset.path;
  }));
}

function buildForm() {
  const root = document.getElementById('sections');
  SECTIONS.forEach(s => {
    const fs = el('fieldset', {}, el('legend', { text: s.title }));
    if (s.fields) {
      const box = el('div', { class: 'fields' });
      s.fields.forEach(([path, label, kind, min, max]) => box.append(fieldControl(path, label, kind, min, max)));
      fs.append(box);
    }
    if (s.rows) {
      const fields = s.rowFields;
      const rows = el('div', { class: 'rows', id: 'rows-' + s.rows.replace('.', '-'), 'data-rows': s.rows });
      const add = el('button', { type: 'button', class: 'secondary', text: s.add });
      add.addEventListener('click', () => addRow(rows, s.rows, fields).querySelector('input,select').focus());
      if (s.listKnown) {
        fs.append(fieldControl('medications.known', 'Medication list', [['', 'Unknown'], ['true', 'Known (as listed below; none if empty)']]));
      }
      fs.append(rows, add);
    }
    root.append(fs);
  });
}

function setPath(obj, path, value) {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let o = obj;
  parts.slice(0, -1).forEach((p, i) => {
    const nextIsIndex = /^\d+$/.test(parts[i + 1]);
    if (o[p] === undefined) o[p] = nextIsIndex ? [] : {};
    o = o[p];
  });
  o[parts[parts.length - 1]] = value;
}

// Empty fields are left out of the request: the server treats them as unknown.
function collect() {
  const req = {};
  document.querySelectorAll('#patient-form [data-path]').forEach(input => {
    const path = input.dataset.path;
    const raw = input.value.trim();
    if (raw === '' || path === 'medications.known' || path === 'suicideScreen.behavior') return;
    let value = raw;
    if (input.tagName === 'SELECT' && (raw === 'true' || raw === 'false')) value = raw === 'true';
    else if (input.dataset.kind === 'int' || input.dataset.kind === 'num') value = Number(raw);
    else if (input.dataset.kind === 'list') value = raw.split(',').map(x => x.trim()).filter(Boolean);
    setPath(req, path, value);
  });
  if (document.querySelector('[data-path="medications.known"]').value === 'true' && !req.medications) req.medications = [];
  const behavior = document.querySelector('[data-path="suicideScreen.behavior"]').value;
  if (behavior === 'never') { req.suicideScreen = req.suicideScreen || {}; req.suicideScreen.suicidalBehaviorMonthsAgo = null; }
  if (behavior === '' && req.suicideScreen) delete req.suicideScreen.suicidalBehaviorMonthsAgo;
  ['assessments', 'vitals', 'medications'].forEach(k => { if (Array.isArray(req[k])) req[k] = req[k].filter(Boolean); });
  if (req.course && Array.isArray(req.course.sessions)) req.course.sessions = req.course.sessions.filter(Boolean);
  return req;
}

function clearErrors() {
  document.getElementById('form-errors').replaceChildren();
  document.querySelectorAll('.field.invalid').forEach(f => f.classList.remove('invalid'));
  document.querySelectorAll('.field .error').forEach(e => { e.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
}

function showErrors(problem) {
  const summary = document.getElementById('form-errors');
  summary.append(el('strong', { text: problem.detail || 'The request is invalid.' }));
  const list = el('ul');
  (problem.violations || []).forEach(v => {
    const input = document.querySelector(`[data-path="${CSS.escape(v.field)}"]`);
    if (input) {
      const field = input.closest('.field');
      field.classList.add('invalid');
      input.setAttribute('aria-invalid', 'true');
      field.querySelector('.error').textContent = v.message;
    }
    list.append(el('li', { text: `${v.field || 'request'}: ${v.message}` }));
  });
  summary.append(list);
  const first = document.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

const ruleTag = id => id ? el('span', { class: 'rule', text: ` (${id})` }) : null;

function renderPlan(p) {
  const out = document.getElementById('plan');
  out.replaceChildren();
  const print = el('button', { type: 'button', class: 'secondary print', text: 'Print' });
  print.addEventListener('click', () => window.print());
  out.append(print);

  const banner = el('div', { class: 'banner ' + p.triage, id: 'triage-banner', role: p.triage === 'ROUTINE' ? null : 'alert' },
    el('h2', { text: { EMERGENCY_REFERRAL: 'Emergency referral', URGENT_SAME_DAY_ASSESSMENT: 'Urgent same-day assessment',
      ROUTINE: 'Routine' }[p.triage] }));
  const reasons = el('ul');
  p.triageReasons.forEach(r => reasons.append(el('li', { text: r.text }, ruleTag(r.ruleId))));
  if (p.triageReasons.length) banner.append(reasons);
  out.append(banner);

  const elig = el('section', { 'aria-labelledby': 'elig-h' }, el('h2', { id: 'elig-h', text: 'Eligibility' }),
    el('p', {}, el('span', { class: 'pill ' + p.eligibility, id: 'eligibility', text: words(p.eligibility) }),
      ' · indication: ', el('strong', { id: 'indication', text: words(p.indication) })));
  const er = el('ul');
  p.eligibilityReasons.filter(r => r.level !== 'INSUFFICIENT_DATA' && r.level !== 'NEEDS_CLEARANCE')
    .forEach(r => er.append(el('li', { text: `${words(r.level)}: ${r.text}` }, ruleTag(r.ruleId))));
  elig.append(er);
  if (p.clearances.length) {
    const cl = el('ul', { id: 'clearances' });
    p.clearances.forEach(c => cl.append(el('li', {}, el('strong', { text: words(c.reviewer) + ': ' }), c.reason, ruleTag(c.ruleId))));
    elig.append(el('h3', { text: 'Clearances needed' }), cl);
  }
  out.append(elig);

  if (p.missingData.length) {
    const ml = el('ul', { class: 'checklist', id: 'missing' });
    p.missingData.forEach(m => ml.append(el('li', {}, el('strong', { text: m.fact }), ' — ', m.reason, ruleTag(m.ruleId))));
    out.append(el('section', {}, el('h2', { text: 'To collect' }), ml));
  }

  const f = p.findings;
  out.append(el('section', {}, el('h2', { text: 'Findings' }), el('ul', {},
    el('li', { text: `Depression severity: ${words(f.depressionSeverity)}` }),
    el('li', { text: `Suicide risk: ${words(f.suicideRisk)}` }),
    el('li', { text: `Response: ${words(f.responseStatus)}` }),
    f.treatmentResistantDepression !== null ? el('li', { text: `Treatment-resistant depression: ${f.treatmentResistantDepression ? 'yes' : 'no'}` }) : null,
    f.refractoryPtsd ? el('li', { text: 'Refractory PTSD' }) : null,
    f.probablePtsd ? el('li', { text: 'Probable PTSD (confirm with CAPS-5)' }) : null,
    f.comorbidDepression ? el('li', { text: 'Comorbid depression' }) : null)));

  const s = p.series;
  const series = el('section', { id: 'series' }, el('h2', { text: 'Series' }),
    el('p', {}, el('strong', { id: 'series-type', text: words(s.type) }),
      s.proposedType ? ` — would be ${words(s.proposedType)} once resolved` : '', ruleTag(s.ruleId)),
    s.note ? el('p', { text: s.note }) : null);
  if (s.dose) {
    const d = s.dose;
    const doseText = d.esketamine ? d.esketamine
      : `${d.mgPerKg} mg/kg over ${d.infusionMinutes} min = ${d.mgActualWeight} mg (actual weight)`
        + (d.mgIdealWeight ? `; ${d.mgIdealWeight} mg on ideal body weight ${d.idealBodyWeightKg} kg` : '');
    series.append(el('p', { id: 'dose' }, el('strong', { text: 'Dose: ' }), doseText));
  }
  if (s.schedule.length) {
    const table = el('table', { class: 'calendar', id: 'calendar' },
      el('caption', { text: `${s.schedule.length} sessions to give (${s.sessionsGiven || 0} already given)` }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Session' }), el('th', { scope: 'col', text: 'Date' }), el('th', { scope: 'col', text: 'Day' }))));
    const body = el('tbody');
    s.schedule.forEach((date, i) => {
      const day = new Date(date + 'T00:00:00Z').toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
      body.append(el('tr', {}, el('td', { text: String((s.sessionsGiven || 0) + i + 1) }), el('td', { class: 'date', text: date }), el('td', { text: day })));
    });
    table.append(body);
    series.append(table);
  }
  out.append(series);

  if (p.alternatives.length) {
    const al = el('ul');
    p.alternatives.forEach(a => al.append(el('li', { text: `${words(a.modality)}: ${words(a.series)} — ${a.note}` }, ruleTag(a.ruleId))));
    out.append(el('section', {}, el('h2', { text: 'Alternatives' }), al));
  }
  const m = p.maintenance;
  out.append(el('section', { id: 'maintenance' }, el('h2', { text: 'After the series' }),
    el('p', {}, el('strong', { text: words(m.type) }), m.detail ? ' — ' + m.detail : '',
      m.reviewBy ? ` Review by ${m.reviewBy}.` : '', ruleTag(m.ruleId))));

  const list = (title, items, render, id) => {
    if (!items.length) return;
    const ul = el('ul', { id });
    items.forEach(i => ul.append(render(i)));
    out.append(el('section', {}, el('h2', { text: title }), ul));
  };
  list('Psychotherapy', p.psychotherapy, t => el('li', {}, el('strong', { text: words(t.type) }),
    t.options && t.options.length ? ` (${t.options.join(', ')})` : '', ': ' + t.detail, ruleTag(t.ruleId)), 'psychotherapy');
  list('Adjuncts', p.adjuncts, a => el('li', {}, el('strong', { text: words(a.type) + ': ' }), a.detail, ruleTag(a.ruleId)));
  list('Monitoring', p.monitoring, i => el('li', { text: i.text }, ruleTag(i.ruleId)));
  list('Notes', p.notes, n => el('li', { text: n.text }, ruleTag(n.ruleId)));
  list('Flags', p.flagDetails, fl => el('li', {}, el('strong', { text: fl.label || words(fl.flag) }),
    fl.detail ? ' ' + fl.detail : '', ruleTag(fl.ruleId)), 'flags');

  const rat = el('section', {}, el('h2', { text: 'Rationale' }));
  p.rationale.forEach(r => rat.append(el('details', {},
    el('summary', { text: `${r.ruleId} · ${r.rule}` }),
    el('p', { text: r.statement || '' }),
    el('p', { class: 'rule', text: `Strength: ${r.strength}. Sources: ${r.sources.join('; ')}` }))));
  out.append(rat);
  out.append(el('p', { class: 'disclaimer', text: `${p.disclaimer} Plan ${p.planId}, rule set ${p.ruleset.version}.` }));
  out.hidden = false;
}

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const button = document.getElementById('submit');
  button.disabled = true;
  try {
    const res = await fetch('api/v1/plans', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(collect()) });
    const body = await res.json().catch(() => ({ detail: `The service answered ${res.status}.` }));
    if (res.ok) {
      renderPlan(body);
      document.getElementById('triage-banner').focus?.();
      document.getElementById('plan').scrollIntoView({ behavior: 'smooth', block: 'start' });
    } else {
      document.getElementById('plan').hidden = true;
      showErrors(body);
    }
  } catch (e) {
    showErrors({ detail: 'The service could not be reached.' });
  } finally {
    button.disabled = false;
  }
}

function fill(values, rows) {
  for (const [path, value] of Object.entries(values)) {
    const input = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
    if (input) input.value = String(value);
  }
  for (const [rowsPath, items] of Object.entries(rows)) {
    const container = document.querySelector(`[data-rows="${rowsPath}"]`);
    const section = SECTIONS.find(s => s.rows === rowsPath);
    container.replaceChildren();
    items.forEach(item => {
      const row = addRow(container, rowsPath, section.rowFields);
      for (const [k, v] of Object.entries(item)) row.querySelector(`[data-path$=".${k}"]`).value = String(v);
    });
  }
}

function loadExample() {
  const today = new Date().toISOString().slice(0, 10);
  fill({
    asOf: today, 'patient.ageYears': 42, 'patient.sex': 'FEMALE', 'patient.weightKg': 70, 'patient.heightCm': 165,
    'patient.childbearingPotential': 'true', 'patient.pregnancyStatus': 'NEGATIVE', 'patient.breastfeeding': 'false',
    'diagnoses.majorDepressiveDisorder': 'true', 'diagnoses.ptsd': 'NONE', 'diagnoses.bipolarDisorder': 'NONE',
    'diagnoses.currentManicHypomanicOrMixedEpisode': 'false', 'diagnoses.priorManicOrHypomanicEpisode': 'false',
    'diagnoses.psychoticFeatures': 'NONE', 'diagnoses.primaryPsychoticDisorder': 'false',
    'treatmentHistory.adequateAntidepressantTrials': 3,
    'suicideScreen.date': today, 'suicideScreen.wishToBeDead': 'false', 'suicideScreen.nonSpecificActiveThoughts': 'false',
    'suicideScreen.methodWithoutIntent': 'false', 'suicideScreen.intentWithoutPlan': 'false',
    'suicideScreen.intentWithPlan': 'false', 'suicideScreen.behavior': 'never', 'suicideScreen.imminentDanger': 'false',
    ...Object.fromEntries(['aneurysmalVascularDisease', 'arteriovenousMalformation', 'intracerebralHemorrhage',
      'elevatedIntracranialPressure', 'recentStrokeOrBrainInjury', 'unstableCardiacDisease', 'stableCoronaryDisease',
      'hypertension', 'hypertensiveEncephalopathy', 'preeclampsia', 'uncontrolledHyperthyroidism', 'interstitialCystitis',
      'ketamineHypersensitivity'].map(k => ['medicalHistory.' + k, 'false'])),
    'medicalHistory.hepaticImpairment': 'NONE',
    'substanceUse.activeDisorderSeverity': 'NONE', 'substanceUse.pastDisorder': 'false', 'substanceUse.priorKetamineMisuse': 'false',
    'medications.known': 'true', 'setting.ivKetamineCapable': 'true', 'setting.esketamineRemsCertified': 'true',
    preferredModality: 'IV_KETAMINE',
  }, {
    assessments: [{ instrument: 'PHQ9', score: 19, date: today }, { instrument: 'PHQ9_ITEM9', score: 0, date: today },
      { instrument: 'MADRS', score: 32, date: today }],
    vitals: [{ date: today, systolic: 128, diastolic: 82, heartRate: 76, spo2: 98 }],
    medications: [{ name: 'sertraline', dailyDoseMg: 100 }],
  });
}

buildForm();
document.getElementById('patient-form').addEventListener('submit', submit);
document.getElementById('patient-form').addEventListener('reset', () => {
  clearErrors();
  document.querySelectorAll('[data-rows]').forEach(c => c.replaceChildren());
  document.getElementById('plan').hidden = true;
});
document.getElementById('load-example').addEventListener('click', loadExample);
