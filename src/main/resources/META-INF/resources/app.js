'use strict';
// Ketaplan clinician page: a form for every fact of the v1.1 PlanRequest (empty = unknown) and a readable plan.
// Nothing is kept on the server: the clinician saves the request as a file and loads it at the next visit.

// The words for every code come from the rule set (GET /api/v1/wording), so that the page and the EHR cards say
// the same thing; a code without words is shown as the code rather than guessed at.
let WORDING = { types: {}, flags: {} };
const word = (type, code) => code === null || code === undefined ? ''
  : (WORDING.types[type] && WORDING.types[type][code]) || String(code);

const TRI = [['', 'Unknown'], ['true', 'Yes'], ['false', 'No']];
// A select whose options are the codes of one vocabulary, worded when the form is built.
const V = (vocab, ...codes) => ({ vocab, codes });
const picker = (blank, vocab, ...codes) => ({ vocab, codes, blank });

const OUTCOMES = {
  CLEARANCE: ['CLEARED', 'NOT_CLEARED'],
  SUICIDE_RISK_ASSESSMENT: ['SAFE_TO_PROCEED', 'NOT_SAFE'],
  EMERGENCY_EVALUATION: ['OUTPATIENT_OK', 'MANAGED_IN_SETTING', 'ADMITTED'],
  INFORMED_CONSENT: ['SIGNED', 'DECLINED'],
  REMS_ENROLMENT: ['ENROLLED'],
};
const ADVERSE_EVENTS = ['NAUSEA', 'VOMITING', 'HEADACHE', 'DIZZINESS', 'ANXIETY', 'SEVERE_DISSOCIATION',
  'EXCESSIVE_SEDATION', 'RESPIRATORY_DEPRESSION', 'HYPERTENSIVE_RESPONSE', 'CHEST_PAIN', 'OTHER_SERIOUS'];
const INSTRUMENTS = ['PHQ9', 'PHQ9_ITEM9', 'MADRS', 'QIDS_SR16', 'PCL5', 'CAPS5', 'YMRS', 'CADSS'];
// Only scales on which a 50% fall from baseline means response are charted against that line; item 9, mania and
// dissociation scores are safety readings whose baseline is often 0.
const RESPONSE_SCALES = new Set(['PHQ9', 'MADRS', 'QIDS_SR16', 'PCL5', 'CAPS5']);

const SESSION_FIELDS = [
  ['date', 'Session date', 'date'],
  ['modality', 'Modality', V('modality', 'IV_KETAMINE', 'ESKETAMINE')],
  ['doseMg', 'Dose (mg)', 'num', 0, 200],
  ['vitalsBefore', 'Before dosing', 'vitals'],
  ['vitalsAt40Min', 'At about 40 min', 'vitals'],
  ['vitalsDischarge', 'At discharge', 'vitals'],
  ['lowestSpo2', 'Lowest SpO2 (%)', 'int', 50, 100],
  ['cadss', 'CADSS (0–92)', 'int', 0, 92],
  ['moaas', 'Lowest MOAA/S (0–5)', 'int', 0, 5],
  ['observedMinutes', 'Minutes observed', 'int', 0, 1440],
  ['readyToLeaveMinutes', 'Ready to leave at (min)', 'int', 0, 1440],
  ['adverseEvents', 'Adverse events', 'events']];
const VITAL_PARTS = [['systolic', 'Systolic', 50, 300], ['diastolic', 'Diastolic', 20, 200],
  ['heartRate', 'Heart rate', 20, 250], ['spo2', 'SpO2 (%)', 50, 100]];

// Sections as a clinician thinks of them. Each field: request path, label, kind, and limits where the
// contract has them (the server checks them again and answers with the field in error). A group marked
// `none` can be answered "none of these" in one step (clinical-spec 17.4); the API still receives each fact.
const SECTIONS = [
  { title: 'Patient', fields: [
    ['asOf', 'Plan date', 'date'],
    ['patient.ageYears', 'Age (years)', 'int', 0, 120],
    ['patient.sex', 'Sex', V('sex', 'FEMALE', 'MALE', 'OTHER', 'UNKNOWN')],
    ['patient.weightKg', 'Weight (kg)', 'num', 20, 400],
    ['patient.heightCm', 'Height (cm)', 'num', 100, 250],
    ['patient.childbearingPotential', 'Childbearing potential', TRI],
    ['patient.pregnancyStatus', 'Pregnancy status', V('pregnancyStatus', 'NEGATIVE', 'POSITIVE', 'UNKNOWN', 'NOT_APPLICABLE')],
    ['patient.pregnancyTestDate', 'Pregnancy test date', 'date'],
    ['patient.breastfeeding', 'Breastfeeding', TRI]]},
  { title: 'Diagnoses', groups: [
    { fields: [
      ['diagnoses.majorDepressiveDisorder', 'Major depressive episode', TRI],
      ['diagnoses.ptsd', 'PTSD', V('ptsd', 'NONE', 'PROBABLE', 'CONFIRMED')]]},
    { id: 'mania-psychosis', title: 'Mania and psychosis', none: true, fields: [
      ['diagnoses.bipolarDisorder', 'Bipolar disorder', V('bipolarDisorder', 'NONE', 'BIPOLAR_I', 'BIPOLAR_II')],
      ['diagnoses.currentManicHypomanicOrMixedEpisode', 'Current manic, hypomanic or mixed episode', TRI],
      ['diagnoses.priorManicOrHypomanicEpisode', 'Prior manic or hypomanic episode', TRI],
      ['diagnoses.psychoticFeatures', 'Psychotic features', V('psychoticFeatures', 'NONE', 'PAST', 'CURRENT')],
      ['diagnoses.primaryPsychoticDisorder', 'Primary psychotic disorder', TRI]]}]},
  { title: 'Treatment history', fields: [
    ['treatmentHistory.adequateAntidepressantTrials', 'Adequate antidepressant trials (this episode)', 'int', 0, 50],
    ['treatmentHistory.adequatePtsdMedicationTrials', 'Adequate SSRI/SNRI trials for PTSD', 'int', 0, 50],
    ['treatmentHistory.traumaFocusedPsychotherapyCompleted', 'Trauma-focused psychotherapy completed', TRI],
    ['treatmentHistory.depressionPsychotherapyCompleted', 'Depression psychotherapy completed', TRI]],
    // The rules judge each antidepressant of this episode (DX-02); the count above, when given, wins.
    rows: 'treatmentHistory.antidepressantTrials', add: 'Add antidepressant taken', rowFields: [
      ['drug', 'Antidepressant (generic name)', 'text'], ['dailyDoseMg', 'Daily dose (mg)', 'num', 0, 100000],
      ['startDate', 'Started', 'date'], ['endDate', 'Stopped (empty: still taken)', 'date']]},
  { title: 'Scores', rows: 'assessments', add: 'Add score', rowFields: [
    ['instrument', 'Instrument', picker('Choose…', 'instrument', ...INSTRUMENTS)],
    ['score', 'Score', 'int', 0, 92],
    ['date', 'Date', 'date']]},
  { title: 'Suicide screen (C-SSRS, past month)', fields: [
    ['suicideScreen.date', 'Screen date', 'date'],
    ['suicideScreen.wishToBeDead', '1. Wish to be dead', TRI],
    ['suicideScreen.nonSpecificActiveThoughts', '2. Non-specific active thoughts', TRI],
    ['suicideScreen.methodWithoutIntent', '3. Method, no intent', TRI],
    ['suicideScreen.intentWithoutPlan', '4. Intent, no plan', TRI],
    ['suicideScreen.intentWithPlan', '5. Intent with plan', TRI],
    ['suicideScreen.behavior', '6. Suicidal behaviour', [['', 'Unknown'], ['never', 'Never'], ['months', 'Yes (months ago below)']]],
    ['suicideScreen.suicidalBehaviorMonthsAgo', 'Months since behaviour', 'int', 0, 1200],
    ['suicideScreen.imminentDanger', 'Imminent danger', TRI]]},
  { title: 'Vital signs (resting)', rows: 'vitals', add: 'Add reading', rowFields: [
    ['date', 'Date', 'date'], ['systolic', 'Systolic (mmHg)', 'int', 50, 300],
    ['diastolic', 'Diastolic (mmHg)', 'int', 20, 200], ['heartRate', 'Heart rate (/min)', 'int', 20, 250],
    ['spo2', 'SpO2 (%)', 'int', 50, 100]]},
  { title: 'Medical history', groups: [
    { id: 'neurovascular', title: 'Neurovascular', none: true, fields: [
      ['medicalHistory.aneurysmalVascularDisease', 'Aneurysmal vascular disease', TRI],
      ['medicalHistory.arteriovenousMalformation', 'Arteriovenous malformation', TRI],
      ['medicalHistory.intracerebralHemorrhage', 'Intracerebral haemorrhage (ever)', TRI],
      ['medicalHistory.elevatedIntracranialPressure', 'Elevated intracranial pressure', TRI],
      ['medicalHistory.recentStrokeOrBrainInjury', 'Recent stroke or brain injury', TRI]]},
    { id: 'medical-cautions', title: 'Heart, liver and other conditions', none: true, fields: [
      ['medicalHistory.unstableCardiacDisease', 'Unstable cardiac disease', TRI],
      ['medicalHistory.stableCoronaryDisease', 'Stable coronary disease', TRI],
      ['medicalHistory.hypertension', 'Hypertension', TRI],
      ['medicalHistory.hypertensiveEncephalopathy', 'Hypertensive encephalopathy (ever)', TRI],
      ['medicalHistory.hepaticImpairment', 'Hepatic impairment', V('hepaticImpairment', 'NONE', 'CHILD_PUGH_A', 'CHILD_PUGH_B', 'CHILD_PUGH_C')],
      ['medicalHistory.preeclampsia', 'Pre-eclampsia or eclampsia', TRI],
      ['medicalHistory.uncontrolledHyperthyroidism', 'Uncontrolled hyperthyroidism', TRI],
      ['medicalHistory.interstitialCystitis', 'Interstitial cystitis', TRI],
      ['medicalHistory.ketamineHypersensitivity', 'Ketamine or esketamine hypersensitivity', TRI]]}]},
  { title: 'Substance use', groups: [
    { id: 'substance-use', none: true, fields: [
      ['substanceUse.activeDisorderSeverity', 'Active substance use disorder', V('substanceUseSeverity', 'NONE', 'MILD', 'MODERATE', 'SEVERE')],
      ['substanceUse.pastDisorder', 'Past substance use disorder', TRI],
      ['substanceUse.priorKetamineMisuse', 'Prior ketamine misuse', TRI]]},
    { fields: [
      ['substanceUse.substances', 'Substances used (comma-separated)', 'list'],
      ['substanceUse.remissionMonths', 'Months in remission', 'int', 0, 1200]]}]},
  { title: 'Medications', rows: 'medications', add: 'Add medication', listKnown: true, rowFields: [
    ['name', 'Generic name', 'text'], ['dailyDoseMg', 'Daily dose (mg)', 'num', 0, 100000]]},
  { title: 'Setting and preference', fields: [
    ['setting.ivKetamineCapable', 'Site can give monitored IV ketamine', TRI],
    ['setting.esketamineRemsCertified', 'Site is esketamine REMS-certified', TRI],
    ['preferredModality', 'Preferred modality', V('modality', 'IV_KETAMINE', 'ESKETAMINE')],
    ['requestedIvDoseMgPerKg', 'IV dose asked about (mg/kg, above 0.5)', 'num', 0.05, 2]]},
  { title: 'Clinician steps (clearances, assessments, consent, REMS)', rows: 'clinicianSteps', add: 'Add step',
    record: true, rowFields: [
      ['type', 'Step', picker('Choose…', 'stepType', ...Object.keys(OUTCOMES))],
      ['date', 'Date', 'date'],
      ['outcome', 'Outcome', [['', 'Choose the step first']]],
      ['reviewer', 'Reviewer', picker('Choose…', 'reviewer', 'PSYCHIATRY', 'CARDIOLOGY', 'PRIMARY_CARE',
        'ADDICTION_MEDICINE', 'PERINATAL_PSYCHIATRY', 'PRESCRIBER')],
      ['ruleId', 'For rule (optional, e.g. RC-01)', 'text'],
      ['modality', 'For modality', picker('Choose…', 'modality', 'IV_KETAMINE', 'ESKETAMINE')]]},
  { title: 'Course so far', fields: [
    ['course.modality', 'Course modality', V('modality', 'IV_KETAMINE', 'ESKETAMINE')]],
    rows: 'course.sessions', add: 'Add session given', record: true, rowFields: SESSION_FIELDS},
];
// What a REMS Patient Monitoring Form field is called on this page (remsForms[].missing names request fields).
const REMS_FIELD_LABELS = { vitalsBefore: 'BP before dosing', vitalsAt40Min: 'BP at about 40 min',
  vitalsDischarge: 'BP at discharge', moaas: 'Sedation (MOAA/S)', cadss: 'Dissociation (CADSS)',
  lowestSpo2: 'Lowest SpO2', observedMinutes: 'Minutes observed', readyToLeaveMinutes: 'Ready-to-leave time' };


const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
  }
  children.flat().forEach(c => c !== null && c !== undefined && c !== '' && e.append(c));
  return e;
};
const SVG_NS = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs = {}, ...children) => {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'text') e.textContent = v; else e.setAttribute(k, String(v));
  }
  children.flat().forEach(c => c && e.append(c));
  return e;
};
const byPath = path => document.querySelector(`#patient-form [data-path="${CSS.escape(path)}"]`);
const today = () => new Date().toISOString().slice(0, 10);
const LABELS = new Map();
let uid = 0;

function optionsOf(kind) {
  if (Array.isArray(kind)) return kind;
  return [['', kind.blank || 'Unknown'], ...kind.codes.map(c => [c, word(kind.vocab, c)])];
}

function fieldControl(path, label, kind, min, max) {
  const id = 'f' + (++uid);
  let input;
  if (kind === 'events') return eventsControl(path, label);
  if (typeof kind === 'object') {
    input = el('select', { id, name: path, 'data-path': path });
    optionsOf(kind).forEach(([value, text]) => input.append(el('option', { value, text })));
  } else {
    const type = { int: 'number', num: 'number', date: 'date', text: 'text', list: 'text' }[kind];
    input = el('input', { id, name: path, 'data-path': path, type, min, max,
      step: kind === 'int' ? '1' : kind === 'num' ? 'any' : undefined, 'data-kind': kind });
  }
  if (!/\[\d+\]/.test(path)) LABELS.set(path, label);
  const wrap = el('div', { class: 'field' }, el('label', { for: id, text: label }), input,
    el('div', { class: 'error', id: id + '-error', 'aria-live': 'polite' }));
  input.setAttribute('aria-describedby', id + '-error');
  return wrap;
}

// Ticked events are sent as the list; "none" sends []; nothing ticked leaves the events unknown.
function eventsControl(path, label) {
  const box = el('fieldset', { class: 'field events', 'data-path': path, 'data-kind': 'events' }, el('legend', { text: label }));
  const none = el('input', { type: 'checkbox', id: 'f' + (++uid), name: path, value: 'NONE_RECORDED' });
  box.append(el('label', { class: 'check' }, none, ' None'));
  ADVERSE_EVENTS.forEach(code => {
    const box1 = el('input', { type: 'checkbox', id: 'f' + (++uid), name: path, value: code });
    box.append(el('label', { class: 'check' }, box1, ' ' + word('adverseEvent', code)));
  });
  box.append(el('div', { class: 'error', 'aria-live': 'polite' }));
  box.addEventListener('change', e => {
    if (e.target.type !== 'checkbox' || !e.target.checked) return;
    const isNone = e.target.value === 'NONE_RECORDED';
    box.querySelectorAll('input[type=checkbox]').forEach(c => {
      if (c !== e.target && (isNone || c.value === 'NONE_RECORDED')) c.checked = false;
    });
  });
  return box;
}

function eventsValue(box) {
  const ticked = [...box.querySelectorAll('input[type=checkbox]:checked')].map(c => c.value);
  if (!ticked.length) return undefined;
  return ticked.includes('NONE_RECORDED') ? [] : ticked;
}

function vitalsControl(path, label) {
  const box = el('fieldset', { class: 'vitals-group' }, el('legend', { text: label }));
  const grid = el('div', { class: 'fields compact' });
  VITAL_PARTS.forEach(([part, text, min, max]) => grid.append(fieldControl(`${path}.${part}`, text, 'int', min, max)));
  box.append(grid);
  return box;
}

function addRow(container, section) {
  const rowsPath = section.rows;
  const index = container.children.length;
  const row = el('div', { class: section.record ? 'row record' : 'row', role: 'group',
    'aria-label': `${section.title} ${index + 1}` });
  const scalars = el('div', { class: section.record ? 'fields' : 'row-fields' });
  row.append(scalars);
  section.rowFields.forEach(([name, label, kind, min, max]) => {
    const path = `${rowsPath}[${index}].${name}`;
    if (kind === 'vitals') row.append(vitalsControl(path, label));
    else if (kind === 'events') row.append(fieldControl(path, label, kind));
    else scalars.append(fieldControl(path, label, kind, min, max));
  });
  const remove = el('button', { type: 'button', class: 'remove', text: 'Remove',
    'aria-label': `Remove ${section.title} ${index + 1}` });
  remove.addEventListener('click', () => { row.remove(); renumber(container, section); });
  row.append(remove);
  container.append(row);
  if (rowsPath === 'clinicianSteps') updateStepRow(row);
  return row;
}

function renumber(container, section) {
  [...container.children].forEach((row, i) => {
    row.setAttribute('aria-label', `${section.title} ${i + 1}`);
    row.querySelector('.remove').setAttribute('aria-label', `Remove ${section.title} ${i + 1}`);
    row.querySelectorAll('[data-path]').forEach(input => {
      input.dataset.path = input.dataset.path.replace(/\[\d+\]/, `[${i}]`);
      input.setAttribute('name', input.dataset.path);
    });
    row.querySelectorAll('.events input[type=checkbox]').forEach(c => { c.name = c.closest('.events').dataset.path; });
  });
}

const rowsContainer = rowsPath => document.querySelector(`[data-rows="${rowsPath}"]`);

function buildGroup(group) {
  const box = el('div', { class: 'fields' });
  group.fields.forEach(([path, label, kind, min, max]) => box.append(fieldControl(path, label, kind, min, max)));
  if (!group.none && !group.title) return box;
  const wrap = el('div', { class: 'group', id: group.id ? 'group-' + group.id : null, 'data-group': group.id || null });
  if (group.title) wrap.append(el('h3', { class: 'group-title', text: group.title }));
  if (group.none) {
    const hint = 'group-hint-' + group.id;
    const toggle = el('button', { type: 'button', class: 'secondary none-toggle', id: 'none-' + group.id,
      'aria-pressed': 'false', 'aria-describedby': hint, text: 'None of these' });
    toggle.addEventListener('click', () => toggleNone(wrap));
    wrap.append(el('div', { class: 'group-bar' }, toggle,
      el('span', { class: 'group-hint', id: hint, 'aria-live': 'polite', text: 'Answers every question of this group with No; press again to undo.' })));
  }
  wrap.append(box);
  return wrap;
}

function buildForm() {
  const root = document.getElementById('sections');
  SECTIONS.forEach(s => {
    const fs = el('fieldset', {}, el('legend', { text: s.title }));
    if (s.fields) fs.append(buildGroup({ fields: s.fields }));
    (s.groups || []).forEach(g => fs.append(buildGroup(g)));
    if (s.rows) {
      LABELS.set(s.rows, s.title);
      const rows = el('div', { class: 'rows', id: 'rows-' + s.rows.replace('.', '-'), 'data-rows': s.rows });
      const add = el('button', { type: 'button', class: 'secondary', id: 'add-' + s.rows.replace('.', '-'), text: s.add });
      add.addEventListener('click', () => addRow(rows, s).querySelector('input,select').focus());
      if (s.listKnown) {
        fs.append(fieldControl('medications.known', 'Medication list', [['', 'Unknown'], ['true', 'Known (as listed below; none if empty)']]));
      }
      fs.append(rows, add);
    }
    root.append(fs);
  });
  LABELS.set('suicideScreen', 'Suicide screen (C-SSRS)');
}

// "None of these": every question of the group still asked is answered No (or None), visibly in its select; the
// answers before are kept so that a second press restores them. Changing one answer by hand ends the undo.
const NO_VALUES = ['false', 'NONE', 'never'];
function toggleNone(group) {
  const toggle = group.querySelector('.none-toggle');
  const hint = group.querySelector('.group-hint');
  if (group.noneBefore) {
    group.noneBefore.forEach((value, input) => { input.value = value; });
    endNone(group);
    hint.textContent = 'Previous answers restored.';
  } else {
    const before = new Map();
    group.querySelectorAll('select[data-path]').forEach(input => {
      if (input.disabled) return;
      const no = NO_VALUES.find(v => [...input.options].some(o => o.value === v));
      if (no === undefined) return;
      before.set(input, input.value);
      input.value = no;
    });
    group.noneBefore = before;
    toggle.setAttribute('aria-pressed', 'true');
    toggle.textContent = 'Undo "none of these"';
    hint.textContent = `${before.size} answers set to No. Press again to restore the previous answers.`;
  }
  applySkips();
}

function endNone(group) {
  delete group.noneBefore;
  const toggle = group.querySelector('.none-toggle');
  toggle.setAttribute('aria-pressed', 'false');
  toggle.textContent = 'None of these';
}

// A question that cannot matter is not asked (clinical-spec 17.4): its control is hidden and disabled, so it is
// not sent and stays unknown, and a note says why. Its value is kept in case the answer that hid it is undone.
function setAsked(input, asked, why) {
  if (!input) return;
  const field = input.closest('.field');
  input.disabled = !asked;
  input.hidden = !asked;
  field.classList.toggle('skipped', !asked);
  let note = field.querySelector('.skip-note');
  if (!asked && !note) {
    note = el('p', { class: 'skip-note' });
    input.after(note);
  }
  if (note) {
    note.textContent = asked ? '' : why;
    note.hidden = asked;
  }
}

const asked = path => { const i = byPath(path); return i && !i.disabled ? i.value : ''; };

// Which questions are asked is the rule set's (rules/terminology/skip-logic.csv, served with the wording): a field
// with rows is asked when one of them holds. Repeated until nothing changes, since a field may depend on one that is
// itself not asked (it then counts as empty). Without the rule set's table every question is asked.
function applySkips() {
  const rows = {};
  ((WORDING && WORDING.skips) || []).forEach(s => (rows[s.fact] = rows[s.fact] || []).push(s));
  const holds = s => (s.test === 'none of') !== s.values.includes(asked(s.when));
  for (let pass = 0, changed = true; changed && pass <= Object.keys(rows).length; pass++) {
    changed = false;
    Object.entries(rows).forEach(([fact, skips]) => {
      const input = byPath(fact);
      if (!input) return;
      const was = input.disabled;
      setAsked(input, skips.some(holds), skips[0].notAsked);
      changed = changed || was !== input.disabled;
    });
  }
  // The form's own shape, not a clinical condition: the months go with the answer "some months ago".
  setAsked(byPath('suicideScreen.suicidalBehaviorMonthsAgo'), asked('suicideScreen.behavior') === 'months',
    'Only when there was suicidal behaviour.');
}

// A step's outcomes, reviewer and modality follow its type: only what the contract accepts for it is offered.
function updateStepRow(row) {
  const type = row.querySelector('[data-path$=".type"]').value;
  const outcome = row.querySelector('[data-path$=".outcome"]');
  if (outcome.dataset.forType !== type) {
    const keep = outcome.value;
    const allowed = OUTCOMES[type] || [];
    outcome.replaceChildren(...[['', type ? 'Choose…' : 'Choose the step first'],
      ...allowed.map(c => [c, word('stepOutcome', c)])].map(([value, text]) => el('option', { value, text })));
    outcome.value = allowed.includes(keep) ? keep : '';
    outcome.dataset.forType = type;
  }
  const clearance = type === 'CLEARANCE';
  setAsked(row.querySelector('[data-path$=".reviewer"]'), clearance, 'Only for a clearance.');
  setAsked(row.querySelector('[data-path$=".ruleId"]'), clearance, 'Only for a clearance.');
  setAsked(row.querySelector('[data-path$=".modality"]'),
    type === 'INFORMED_CONSENT' || (clearance && outcome.value === 'NOT_CLEARED'),
    'Only for consent or a clearance refused.');
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

const getPath = (obj, path) => path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);

// Empty and unasked fields are left out of the request: the server treats them as unknown.
function collect() {
  const req = {};
  document.querySelectorAll('#patient-form [data-path]').forEach(input => {
    const path = input.dataset.path;
    if (input.disabled || path === 'medications.known' || path === 'suicideScreen.behavior') return;
    if (input.dataset.kind === 'events') {
      const events = eventsValue(input);
      if (events) setPath(req, path, events);
      return;
    }
    const raw = input.value.trim();
    if (raw === '') return;
    let value = raw;
    if (input.tagName === 'SELECT' && (raw === 'true' || raw === 'false')) value = raw === 'true';
    else if (input.dataset.kind === 'int' || input.dataset.kind === 'num') value = Number(raw);
    else if (input.dataset.kind === 'list') value = raw.split(',').map(x => x.trim()).filter(Boolean);
    setPath(req, path, value);
  });
  if (byPath('medications.known').value === 'true' && !req.medications) req.medications = [];
  const behavior = byPath('suicideScreen.behavior').value;
  if (behavior === 'never') { req.suicideScreen = req.suicideScreen || {}; req.suicideScreen.suicidalBehaviorMonthsAgo = null; }
  SECTIONS.filter(s => s.rows).forEach(s => {
    const list = getPath(req, s.rows);
    if (Array.isArray(list)) setPath(req, s.rows, list.filter(Boolean));
  });
  return req;
}

// Every leaf of a request with its form path; lists of objects are rows, lists of codes are one value.
function leaves(value, path, out) {
  if (Array.isArray(value) && value.length && value.every(v => v !== null && typeof v === 'object' && !Array.isArray(v))) {
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    Object.entries(value).forEach(([k, v]) => leaves(v, path ? `${path}.${k}` : k, out));
  } else {
    out.push([path, value]);
  }
  return out;
}

function setField(path, value) {
  if (value === null) return true;
  const input = byPath(path);
  if (!input) return false;
  if (input.dataset.kind === 'events') {
    if (!Array.isArray(value)) return false;
    const known = value.every(v => ADVERSE_EVENTS.includes(v));
    input.querySelectorAll('input[type=checkbox]').forEach(c => {
      c.checked = value.length ? value.includes(c.value) : c.value === 'NONE_RECORDED';
    });
    return known;
  }
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  input.value = text;
  return input.value === text;
}

/**
 * Fills the form with a saved request. Answers the fields the form has no place for and those it holds but does not
 * ask for this patient (so not sent), so that nothing in the file is dropped silently.
 */
function fillRequest(req) {
  resetForm();
  SECTIONS.filter(s => s.rows).forEach(s => {
    const items = getPath(req, s.rows);
    if (Array.isArray(items)) items.forEach(() => addRow(rowsContainer(s.rows), s));
  });
  const all = leaves(req, '', []);
  const notPlaced = [];
  const rowLists = new Set(SECTIONS.filter(s => s.rows).map(s => s.rows));
  const place = ([path, value]) => {
    // null months is "never" (item 6 answered); any other null is unknown, which an empty field already says.
    if (path === 'suicideScreen.suicidalBehaviorMonthsAgo') byPath('suicideScreen.behavior').value = value === null ? 'never' : 'months';
    if (value === null || (rowLists.has(path) && Array.isArray(value) && !value.length)) return;
    if (!setField(path, value)) notPlaced.push(path);
  };
  if (Array.isArray(req.medications)) byPath('medications.known').value = 'true';
  // A step's type decides which outcomes its select offers, so types go in first.
  const isType = ([path]) => /^clinicianSteps\[\d+\]\.type$/.test(path);
  all.filter(isType).forEach(place);
  document.querySelectorAll('[data-rows="clinicianSteps"] > .row').forEach(updateStepRow);
  all.filter(l => !isType(l)).forEach(place);
  document.querySelectorAll('[data-rows="clinicianSteps"] > .row').forEach(updateStepRow);
  applySkips();
  const notAsked = all.filter(([path, value]) => value !== null && byPath(path) && byPath(path).disabled).map(([path]) => path);
  return { notPlaced, notAsked };
}

// Not form.reset(): that fires the reset event this function answers.
function resetForm() {
  document.querySelectorAll('#patient-form [data-path]').forEach(input => { if (input.dataset.kind !== 'events') input.value = ''; });
  clearErrors();
  document.querySelectorAll('[data-rows]').forEach(c => c.replaceChildren());
  document.querySelectorAll('.group').forEach(g => { if (g.noneBefore) endNone(g); });
  document.querySelectorAll('.group-hint').forEach(h => { h.textContent = 'Answers every question of this group with No; press again to undo.'; });
  document.getElementById('plan').hidden = true;
  applySkips();
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
    const input = v.field ? byPath(v.field) : null;
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
const weekday = date => new Date(date + 'T00:00:00Z').toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });

// A fact the plan asks for, named as the form names it, with a link to its field when the form has one.
function factLabel(fact) {
  const head = fact.split(/[.[ ]/)[0];
  const label = LABELS.get(fact) || LABELS.get(fact.replace(/\[\d*\]/g, '')) || LABELS.get(head);
  const input = byPath(fact);
  const name = label || fact;
  return [input && !input.disabled ? el('a', { href: '#' + input.id, text: name }) : el('strong', { text: name }),
    label ? el('code', { class: 'fact', text: ` ${fact}` }) : null];
}

function renderNextSession(ns, remsForms) {
  const out = [];
  if (ns) {
    const box = el('section', { id: 'next-session', class: 'next ' + ns.decision,
      role: ns.decision === 'HOLD' ? 'alert' : null, 'aria-labelledby': 'next-h' });
    box.append(el('h2', { id: 'next-h' }, 'Next session',
      ns.date ? el('span', { id: 'next-date', text: ` ${ns.date} (${weekday(ns.date)})` }) : null, ': ',
      el('span', { id: 'next-decision', text: word('sessionDecision', ns.decision) })));
    if (ns.reasons.length) {
      const ul = el('ul', { id: 'next-reasons' });
      ns.reasons.forEach(r => ul.append(el('li', { text: r.text }, ruleTag(r.ruleId))));
      box.append(el('h3', { text: ns.decision === 'HOLD' ? 'Held because' : 'Reasons' }), ul);
    }
    if (ns.checks.length) {
      const ul = el('ul', { id: 'next-checks', class: 'checklist' });
      ns.checks.forEach(c => ul.append(el('li', { text: c.check }, ruleTag(c.ruleId))));
      box.append(el('h3', { text: 'Before dosing, check' }), ul);
    }
    out.push(box);
  }
  if (remsForms && remsForms.length) {
    const table = el('table', { class: 'calendar', id: 'rems-forms' },
      el('caption', { text: 'REMS Patient Monitoring Forms to complete' }),
      el('thead', {}, el('tr', {}, ...['Session', 'Due by', 'Missing'].map(t => el('th', { scope: 'col', text: t })))));
    const body = el('tbody');
    remsForms.forEach(f => body.append(el('tr', {}, el('td', { text: f.sessionDate }), el('td', { class: 'due', text: f.dueBy }),
      el('td', { text: f.missing.map(m => REMS_FIELD_LABELS[m] || m).join(', ') }))));
    table.append(body);
    out.push(el('section', { class: 'rems' }, table));
  }
  return out;
}

// Each response scale as a percentage of its baseline, the last score on or before the first session (before the
// course starts, the latest score), so that a 50% fall reads the same on every scale.
function chartSeries(req) {
  const sessions = ((req.course && req.course.sessions) || []).map(s => s.date).filter(Boolean).sort();
  const firstSession = sessions[0] || req.asOf || today();
  const byInstrument = new Map();
  (req.assessments || []).filter(a => a && a.date && Number.isFinite(a.score)).forEach(a => {
    if (!byInstrument.has(a.instrument)) byInstrument.set(a.instrument, []);
    byInstrument.get(a.instrument).push(a);
  });
  const series = [];
  const skipped = [];
  for (const [instrument, scores] of byInstrument) {
    if (!RESPONSE_SCALES.has(instrument)) { skipped.push(`${word('instrument', instrument)}: not a response scale`); continue; }
    scores.sort((a, b) => a.date.localeCompare(b.date));
    const baseline = scores.filter(s => s.date <= firstSession).pop();
    if (!baseline) { skipped.push(`${word('instrument', instrument)}: no score on or before the first session`); continue; }
    if (baseline.score === 0) { skipped.push(`${word('instrument', instrument)}: baseline is 0`); continue; }
    series.push({ instrument, baseline, points: scores.map(s => ({ ...s, pct: Math.round(100 * s.score / baseline.score) })) });
  }
  return { series, sessions, skipped };
}

function renderChart(req) {
  const { series, sessions, skipped } = chartSeries(req);
  const section = el('section', { id: 'scores-over-course', 'aria-labelledby': 'chart-h' },
    el('h2', { id: 'chart-h', text: 'Scores over the course' }));
  if (!series.length) {
    section.append(el('p', { text: 'No response scale with a baseline to chart yet.' }));
    if (skipped.length) section.append(el('p', { class: 'rule', text: 'Not charted: ' + skipped.join('; ') + '.' }));
    return section;
  }
  const W = 640, H = 280, left = 48, right = 16, top = 24, bottom = 40;
  const days = d => Date.parse(d + 'T00:00:00Z') / 86400000;
  const dates = [...series.flatMap(s => s.points.map(p => p.date)), ...sessions].sort();
  let x0 = days(dates[0]), x1 = days(dates[dates.length - 1]);
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  const maxPct = Math.max(125, ...series.flatMap(s => s.points.map(p => p.pct)));
  const yMax = Math.ceil(maxPct / 25) * 25;
  const pad = 12;
  const x = d => left + pad + (days(d) - x0) / (x1 - x0) * (W - left - right - 2 * pad);
  const y = pct => top + (1 - pct / yMax) * (H - top - bottom);

  const chart = svg('svg', { id: 'score-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'score-chart-title score-chart-desc' },
    svg('title', { id: 'score-chart-title', text: 'Scores as a percentage of baseline' }),
    svg('desc', { id: 'score-chart-desc', text: `${series.map(s => word('instrument', s.instrument)).join(', ')} from ${dates[0]} to ${dates[dates.length - 1]}; `
      + `${sessions.length} sessions given; the line at 50% is the response level.` }));
  for (let pct = 0; pct <= yMax; pct += 25) {
    chart.append(svg('line', { class: pct === 100 ? 'grid baseline-line' : 'grid', x1: left, x2: W - right, y1: y(pct), y2: y(pct) }),
      svg('text', { class: 'axis', x: left - 6, y: y(pct) + 4, 'text-anchor': 'end', text: `${pct}%` }));
  }
  chart.append(svg('line', { class: 'response-line', x1: left, x2: W - right, y1: y(50), y2: y(50) }),
    svg('text', { class: 'response-label', x: left + 4, y: y(50) - 5, text: '50%: response' }));
  sessions.forEach((d, i) => chart.append(svg('g', { class: 'session-mark' },
    svg('title', { text: `Session ${i + 1}: ${d}` }),
    svg('line', { x1: x(d), x2: x(d), y1: top, y2: H - bottom }),
    svg('text', { x: x(d), y: top - 6, 'text-anchor': 'middle', text: `S${i + 1}` }))));
  [dates[0], dates[dates.length - 1]].filter((d, i, a) => a.indexOf(d) === i).forEach((d, i) =>
    chart.append(svg('text', { class: 'axis', x: x(d), y: H - bottom + 18, 'text-anchor': i ? 'end' : 'start', text: d })));
  series.forEach((s, i) => {
    const cls = `series-${i % 5}`;
    chart.append(svg('polyline', { class: `line ${cls}`, points: s.points.map(p => `${x(p.date)},${y(p.pct)}`).join(' ') }));
    s.points.forEach(p => chart.append(svg('circle', { class: `point ${cls}`, cx: x(p.date), cy: y(p.pct), r: 4,
      'data-instrument': s.instrument, 'data-date': p.date },
    svg('title', { text: `${word('instrument', s.instrument)} ${p.score} on ${p.date}: ${p.pct}% of baseline` }))));
  });
  const legend = el('ul', { class: 'legend' });
  series.forEach((s, i) => legend.append(el('li', {}, el('span', { class: `swatch series-${i % 5}`, 'aria-hidden': 'true' }),
    `${word('instrument', s.instrument)}: baseline ${s.baseline.score} on ${s.baseline.date}`
    // The baseline alone is no change yet: "latest 100%" read as a measured result.
    + (s.points.some(p => p.date > s.baseline.date) ? `, latest ${s.points[s.points.length - 1].pct}% of baseline`
      : ', no score since'))));
  const table = el('table', { class: 'calendar' }, el('thead', {}, el('tr', {},
    ...['Date', 'Scale', 'Score', '% of baseline'].map(t => el('th', { scope: 'col', text: t })))));
  const body = el('tbody');
  series.flatMap(s => s.points.map(p => ({ ...p, instrument: s.instrument }))).sort((a, b) => a.date.localeCompare(b.date))
    .forEach(p => body.append(el('tr', {}, el('td', { text: p.date }), el('td', { text: word('instrument', p.instrument) }),
      el('td', { text: String(p.score) }), el('td', { text: `${p.pct}%` }))));
  table.append(body);
  section.append(el('div', { class: 'chart' }, chart), legend,
    skipped.length ? el('p', { class: 'rule', text: 'Not charted: ' + skipped.join('; ') + '.' }) : null,
    el('details', {}, el('summary', { text: 'Scores as a table' }), table));
  return section;
}

function renderPlan(p, req) {
  const out = document.getElementById('plan');
  out.replaceChildren();
  const print = el('button', { type: 'button', class: 'secondary print', text: 'Print' });
  print.addEventListener('click', () => window.print());
  out.append(print);

  // ROUTINE is also what a plan says when no screen has judged the risk: that reads as unknown, never as routine.
  const unassessed = p.triage === 'ROUTINE' && p.findings && p.findings.suicideRisk === 'UNKNOWN';
  const banner = el('div', { class: 'banner ' + (unassessed ? 'UNASSESSED' : p.triage), id: 'triage-banner',
    role: p.triage === 'ROUTINE' && !unassessed ? null : 'alert' },
    el('h2', { text: unassessed ? 'Triage: C-SSRS needed' : word('triage', p.triage) }));
  const reasons = el('ul');
  p.triageReasons.forEach(r => reasons.append(el('li', { text: r.text }, ruleTag(r.ruleId))));
  if (p.triageReasons.length) banner.append(reasons);
  out.append(banner);
  out.append(...renderNextSession(p.nextSession, p.remsForms));

  const elig = el('section', { 'aria-labelledby': 'elig-h' }, el('h2', { id: 'elig-h', text: 'Eligibility' }),
    el('p', {}, el('span', { class: 'pill ' + p.eligibility, id: 'eligibility', text: word('eligibility', p.eligibility) }),
      ' · indication: ', el('strong', { id: 'indication', text: word('indication', p.indication) })));
  const er = el('ul');
  p.eligibilityReasons.filter(r => r.level !== 'INSUFFICIENT_DATA' && r.level !== 'NEEDS_CLEARANCE')
    .forEach(r => er.append(el('li', { text: `${word('eligibility', r.level)}: ${r.text}` }, ruleTag(r.ruleId))));
  elig.append(er);
  if (p.clearances.length) {
    const cl = el('ul', { id: 'clearances' });
    p.clearances.forEach(c => cl.append(el('li', {}, el('strong', { text: word('reviewer', c.reviewer) + ': ' }), c.reason, ruleTag(c.ruleId))));
    elig.append(el('h3', { text: 'Clearances needed' }), cl);
  }
  if (p.resolvedClearances && p.resolvedClearances.length) {
    const rl = el('ul', { id: 'resolved-clearances' });
    p.resolvedClearances.forEach(c => rl.append(el('li', {}, el('strong', { text: word('reviewer', c.reviewer) }),
      `: cleared on ${c.date}`, ruleTag(c.ruleId))));
    elig.append(el('h3', { text: 'Clearances on record' }), rl);
  }
  out.append(elig);

  if (p.missingData.length) {
    const box = el('div', { id: 'missing' });
    const order = ['BLOCKS_PLAN', 'FIRST_SESSION', 'EACH_SESSION'];
    const groups = new Map();
    p.missingData.forEach(m => {
      const key = m.neededBy || 'BLOCKS_PLAN';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(m);
    });
    [...groups.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b)).forEach(key => {
      const ml = el('ul', { class: 'checklist', 'data-needed-by': key });
      groups.get(key).forEach(m => ml.append(el('li', {}, factLabel(m.fact), ' — ', m.reason, ruleTag(m.ruleId))));
      box.append(el('h3', { text: word('neededBy', key) }), ml);
    });
    out.append(el('section', {}, el('h2', { text: 'To collect' }), box));
  }

  const f = p.findings;
  out.append(el('section', {}, el('h2', { text: 'Findings' }), el('ul', {},
    el('li', { text: `Depression severity: ${word('severity', f.depressionSeverity)}` }),
    el('li', { text: `Suicide risk: ${word('suicideRisk', f.suicideRisk)}` }),
    el('li', {}, 'Response: ', el('span', { id: 'response-status', text: word('responseStatus', f.responseStatus) })),
    f.treatmentResistantDepression !== null ? el('li', { text: `Treatment-resistant depression: ${f.treatmentResistantDepression ? 'yes' : 'no'}` }) : null,
    f.refractoryPtsd ? el('li', { text: 'Refractory PTSD' }) : null,
    f.probablePtsd ? el('li', { text: 'Probable PTSD (confirm with CAPS-5)' }) : null,
    f.comorbidDepression ? el('li', { text: 'Comorbid depression' }) : null)));
  out.append(renderChart(req));

  const s = p.series;
  const series = el('section', { id: 'series' }, el('h2', { text: 'Series' }),
    el('p', {}, el('strong', { id: 'series-type', text: word('series', s.type) }),
      s.proposedType ? ` — would be ${word('series', s.proposedType)} once resolved` : '', ruleTag(s.ruleId)),
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
      body.append(el('tr', {}, el('td', { text: String((s.sessionsGiven || 0) + i + 1) }), el('td', { class: 'date', text: date }), el('td', { text: weekday(date) })));
    });
    table.append(body);
    series.append(table);
  }
  out.append(series);

  if (p.alternatives.length) {
    const al = el('ul');
    p.alternatives.forEach(a => al.append(el('li', { text: `${word('modality', a.modality)}: ${word('series', a.series)} — ${a.note}` }, ruleTag(a.ruleId))));
    out.append(el('section', {}, el('h2', { text: 'Alternatives' }), al));
  }
  const m = p.maintenance;
  out.append(el('section', { id: 'maintenance' }, el('h2', { text: 'After the series' }),
    el('p', {}, el('strong', { text: word('maintenance', m.type) }), m.detail ? ' — ' + m.detail : '',
      m.reviewBy ? ` Review by ${m.reviewBy}.` : '', ruleTag(m.ruleId))));

  const list = (title, items, render, id) => {
    if (!items || !items.length) return;
    const ul = el('ul', { id });
    items.forEach(i => ul.append(render(i)));
    out.append(el('section', {}, el('h2', { text: title }), ul));
  };
  list('Psychotherapy', p.psychotherapy, t => el('li', {}, el('strong', { text: word('psychotherapy', t.type) }),
    t.options && t.options.length ? ` (${t.options.join(', ')})` : '', ': ' + t.detail, ruleTag(t.ruleId)), 'psychotherapy');
  list('Adjuncts', p.adjuncts, a => el('li', {}, el('strong', { text: word('adjunct', a.type) + ': ' }), a.detail, ruleTag(a.ruleId)));
  list('Monitoring', p.monitoring, i => el('li', { text: i.text }, ruleTag(i.ruleId)));
  list('Notes', p.notes, n => el('li', { text: n.text }, ruleTag(n.ruleId)));
  list('Flags', p.flagDetails, fl => el('li', {}, el('strong', { text: fl.label || WORDING.flags[fl.flag] || fl.flag }),
    fl.detail ? ' ' + fl.detail : '', ruleTag(fl.ruleId)), 'flags');

  out.append(renderFeedback(p));

  const rat = el('section', {}, el('h2', { text: 'Rationale' }));
  p.rationale.forEach(r => rat.append(el('details', {},
    el('summary', { text: `${r.ruleId} · ${r.rule}` }),
    el('p', { text: r.statement || '' }),
    el('p', { class: 'rule', text: `Strength: ${r.strength}. Sources: ${r.sources.join('; ')}` }))));
  out.append(rat);
  out.append(el('p', { class: 'disclaimer', id: 'plan-footer', text: `${p.disclaimer} Plan ${p.planId}, rule set ${p.ruleset.version}.` }));
  out.hidden = false;
}

// What the clinician did with a recommendation, for the clinical lead's override analytics: one answer at a time,
// an override with a reason from the list the EHR cards offer, never free text.
function renderFeedback(p) {
  const items = [];
  if (p.series && p.series.ruleId) items.push([p.series.ruleId, 'Series: ' + word('series', p.series.type)]);
  p.alternatives.forEach(a => a.ruleId && items.push([a.ruleId, 'Alternative: ' + word('series', a.series)]));
  if (p.maintenance && p.maintenance.ruleId) items.push([p.maintenance.ruleId, 'After the series: ' + word('maintenance', p.maintenance.type)]);
  p.psychotherapy.forEach(t => t.ruleId && items.push([t.ruleId, 'Psychotherapy: ' + word('psychotherapy', t.type)]));
  p.adjuncts.forEach(a => a.ruleId && items.push([a.ruleId, 'Adjunct: ' + word('adjunct', a.type)]));
  const section = el('section', { id: 'feedback', 'aria-labelledby': 'feedback-h' }, el('h2', { id: 'feedback-h', text: 'Record what you did' }));
  if (!items.length) return section;
  const item = el('select', { id: 'feedback-item' }, ...items.map(([id, label]) => el('option', { value: id, text: `${label} (${id})` })));
  const outcome = el('select', { id: 'feedback-outcome' }, el('option', { value: 'followed', text: 'Followed' }),
    el('option', { value: 'overridden', text: 'Not followed' }));
  const reason = el('select', { id: 'feedback-reason', disabled: '' },
    ...(WORDING.overrideReasons || []).map(r => el('option', { value: r.code, text: r.display })));
  outcome.addEventListener('change', () => { reason.disabled = outcome.value !== 'overridden'; });
  const status = el('span', { id: 'feedback-status', role: 'status', 'aria-live': 'polite' });
  const send = el('button', { type: 'button', class: 'secondary', id: 'feedback-send', text: 'Record' });
  send.addEventListener('click', async () => {
    const body = { planId: p.planId, ruleId: item.value, outcome: outcome.value };
    if (outcome.value === 'overridden') body.reason = reason.value;
    const res = await fetch('api/v1/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json', ...SCRIPT },
      body: JSON.stringify(body) }).catch(() => null);
    status.textContent = res && res.ok ? 'Recorded.' : res && res.status === 409 ? 'Already recorded: an answer counts once.'
      : (res && SIGN_IN[res.status]) || 'Could not be recorded.';
  });
  section.append(el('p', {}, el('label', { for: 'feedback-item', text: 'Recommendation ' }), item, ' ',
    el('label', { for: 'feedback-outcome', text: 'What you did ' }), outcome, ' ',
    el('label', { for: 'feedback-reason', text: 'Why ' }), reason, ' ', send, ' ', status));
  return section;
}

// A session can end while a form is open: say so, and how to keep the answers, instead of a bare status code.
// 499 is what the OpenID Connect sign-in answers a script (X-Requested-With: JavaScript) instead of redirecting it.
const SCRIPT = { 'X-Requested-With': 'JavaScript' };
const SIGNED_OUT = 'You are no longer signed in. Save the form to a file, reload the page to sign in again, then load the file.';
const SIGN_IN = {
  401: SIGNED_OUT,
  499: SIGNED_OUT,
  403: 'Your account may not ask for plans: that needs the clinician role. Ask whoever manages your account.',
};

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const button = document.getElementById('submit');
  button.disabled = true;
  const req = collect();
  try {
    const res = await fetch('api/v1/plans', { method: 'POST', headers: { 'Content-Type': 'application/json', ...SCRIPT },
      body: JSON.stringify(req) });
    const body = SIGN_IN[res.status] ? { detail: SIGN_IN[res.status] }
      : await res.json().catch(() => ({ detail: `The service answered ${res.status}.` }));
    if (res.ok) {
      renderPlan(body, req);
      if (!document.getElementById('draft').hidden) {
        const only = document.getElementById('only-open');
        renderOpenSteps(body);
        showOnlyOpen(!!only && only.getAttribute('aria-pressed') === 'true');
      }
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

function fileStatus(...children) {
  document.getElementById('file-status').replaceChildren(...children);
}

// The patient's request goes to the clinician's own file, never to the server: the next visit loads it and
// continues from there.
function saveRequest() {
  const req = collect();
  const name = `ketaplan-request-${req.asOf || today()}.json`;
  const url = URL.createObjectURL(new Blob([JSON.stringify(req, null, 2) + '\n'], { type: 'application/json' }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  fileStatus(`Saved ${name}. Keep it with the patient's record; load it at the next visit.`);
}

async function loadRequest(event) {
  const file = event.target.files[0];
  if (!file) return;
  let req;
  try {
    req = JSON.parse(await file.text());
  } catch (e) {
    fileStatus(el('strong', { class: 'warn', text: `${file.name} is not a saved request (not JSON).` }));
    return;
  } finally {
    event.target.value = '';
  }
  if (req === null || typeof req !== 'object' || Array.isArray(req)) {
    fileStatus(el('strong', { class: 'warn', text: `${file.name} is not a saved request.` }));
    return;
  }
  const { notPlaced, notAsked } = fillRequest(req);
  // One message per line: loaded, what to do for a new visit, what was not loaded, what was kept out.
  const parts = [el('p', { text: `Loaded ${file.name}` + (req.asOf ? ` (plan date ${req.asOf}).` : '.') })];
  if (req.asOf && req.asOf !== today()) {
    const now = el('button', { type: 'button', class: 'secondary small', id: 'plan-today', text: 'Set the plan date to today' });
    now.addEventListener('click', () => { byPath('asOf').value = today(); now.remove(); });
    parts.push(el('p', {}, 'For a new visit, record today\'s screen and vitals. ', now));
  }
  if (notPlaced.length) {
    parts.push(el('p', {}, el('strong', { class: 'warn', id: 'not-loaded', text: `Not loaded (no place on this form or not a valid value): ${notPlaced.join(', ')}.` })));
  }
  if (notAsked.length) {
    parts.push(el('p', {}, el('span', { class: 'rule', id: 'not-asked-loaded', text: `Answers to questions not asked for this patient are kept out of the request: ${notAsked.join(', ')}.` })));
  }
  fileStatus(...parts);
}

function loadExample() {
  const day = today();
  const no = keys => Object.fromEntries(keys.map(k => [k, false]));
  fillRequest({
    asOf: day,
    patient: { ageYears: 42, sex: 'FEMALE', weightKg: 70, heightCm: 165, childbearingPotential: true,
      pregnancyStatus: 'NEGATIVE', pregnancyTestDate: day, breastfeeding: false },
    diagnoses: { majorDepressiveDisorder: true, ptsd: 'NONE', bipolarDisorder: 'NONE', currentManicHypomanicOrMixedEpisode: false,
      priorManicOrHypomanicEpisode: false, psychoticFeatures: 'NONE', primaryPsychoticDisorder: false },
    treatmentHistory: { adequateAntidepressantTrials: 3 },
    assessments: [{ instrument: 'PHQ9', score: 19, date: day }, { instrument: 'PHQ9_ITEM9', score: 0, date: day },
      { instrument: 'MADRS', score: 32, date: day }],
    suicideScreen: { date: day, wishToBeDead: false, nonSpecificActiveThoughts: false, suicidalBehaviorMonthsAgo: null },
    vitals: [{ date: day, systolic: 128, diastolic: 82, heartRate: 76, spo2: 98 }],
    medicalHistory: { ...no(['aneurysmalVascularDisease', 'arteriovenousMalformation', 'intracerebralHemorrhage',
      'elevatedIntracranialPressure', 'recentStrokeOrBrainInjury', 'unstableCardiacDisease', 'stableCoronaryDisease',
      'hypertension', 'hypertensiveEncephalopathy', 'uncontrolledHyperthyroidism', 'interstitialCystitis',
      'ketamineHypersensitivity']), hepaticImpairment: 'NONE' },
    substanceUse: { activeDisorderSeverity: 'NONE', pastDisorder: false, priorKetamineMisuse: false },
    medications: [{ name: 'sertraline', dailyDoseMg: 100 }],
    setting: { ivKetamineCapable: true, esketamineRemsCertified: true },
    preferredModality: 'IV_KETAMINE',
  });
  fileStatus('');
}

function onFormChange(event) {
  const target = event.target;
  noteEhrEdit(target);
  const group = target.closest('.group');
  if (group && group.noneBefore && target.matches('[data-path]')) endNone(group);
  const planToday = document.getElementById('plan-today');
  if (planToday && target.dataset.path === 'asOf' && target.value === today()) planToday.remove();
  const row = target.closest('[data-rows="clinicianSteps"] > .row');
  if (row) updateStepRow(row);
  applySkips();
}

// ---- A draft from an EHR card: what the record showed, marked with its sources, and the steps still open ----

// The form controls a request path stands for: its field, its list of rows, or the fields below it.
function controlsFor(fact) {
  // "assessments (PCL5 or CAPS5)" is a row of the assessments list; "vitals[].heartRate" a field of each vitals row.
  const path = fact.split(' ')[0].replace(/\[\]\..*$/, '');
  const input = byPath(path);
  if (input) return [input.closest('.field') || input];
  const rows = [...document.querySelectorAll('[data-rows]')].filter(r => r.dataset.rows === path || r.dataset.rows.startsWith(path + '.'));
  if (rows.length) return rows;
  return [...document.querySelectorAll('#patient-form [data-path]')]
    .filter(i => i.dataset.path.startsWith(path + '.') && i.value !== '')
    .map(i => i.closest('.field') || i);
}

function markFromEhr(sources) {
  Object.entries(sources || {}).forEach(([path, refs]) => {
    controlsFor(path).forEach(target => {
      if (target.classList.contains('from-ehr')) return;
      target.classList.add('from-ehr');
      const shown = refs.slice(0, 3).join(', ') + (refs.length > 3 ? ` and ${refs.length - 3} more` : '');
      const badge = el('span', { class: 'ehr-source', title: refs.join(', '), text: `From the EHR (${shown})` });
      if (target.matches('[data-rows]')) target.before(badge);
      else target.append(badge);
    });
  });
}

// A value the clinician changes stays marked, as changed, so nobody takes it for what the record says.
function noteEhrEdit(target) {
  const field = target.closest('.from-ehr, .rows .row');
  const marked = field && (field.classList.contains('from-ehr') ? field : field.closest('[data-rows]'));
  if (!marked || !marked.classList.contains('from-ehr') || marked.classList.contains('ehr-edited')) return;
  marked.classList.add('ehr-edited');
  const badge = marked.matches('[data-rows]') ? marked.previousElementSibling : marked.querySelector('.ehr-source');
  if (badge && badge.classList.contains('ehr-source')) badge.textContent += ' — changed here';
}

// The steps the plan still needs, each with links to the fields that complete it, most blocking first.
function renderOpenSteps(plan) {
  const box = document.getElementById('draft-steps');
  document.querySelectorAll('.open-step').forEach(f => f.classList.remove('open-step'));
  const steps = plan.openSteps || [];
  if (!steps.length) {
    box.replaceChildren(el('p', { id: 'no-open-steps', text: 'Nothing left to collect for this plan.' }));
    return;
  }
  const list = el('ol', { id: 'open-steps' });
  steps.forEach(s => {
    s.facts.forEach(f => controlsFor(f).forEach(c => c.classList.add('open-step')));
    const facts = el('ul', { class: 'step-facts' });
    s.facts.forEach(f => facts.append(el('li', {}, factLabel(f))));
    list.append(el('li', { 'data-needed-by': s.neededBy }, el('strong', { text: s.step }),
      ` — ${word('neededBy', s.neededBy)}`, facts));
  });
  const toggle = el('button', { type: 'button', class: 'secondary', id: 'only-open', 'aria-pressed': 'false',
    text: 'Show only the open steps' });
  toggle.addEventListener('click', () => showOnlyOpen(toggle.getAttribute('aria-pressed') !== 'true'));
  box.replaceChildren(el('h3', { text: `Steps to complete (${steps.length})` }), list, toggle);
}

// Hides what the record already answered; nothing hidden is lost: it is still sent with the request.
function showOnlyOpen(only) {
  const toggle = document.getElementById('only-open');
  if (toggle) {
    toggle.setAttribute('aria-pressed', String(only));
    toggle.textContent = only ? 'Show the whole form' : 'Show only the open steps';
  }
  document.querySelectorAll('#sections > fieldset').forEach(fs => {
    const open = fs.querySelector('.open-step');
    fs.hidden = only && !open;
    fs.querySelectorAll('.field, .group').forEach(f => {
      f.classList.toggle('done-hidden', only && !!open && !f.classList.contains('open-step') && !f.querySelector('.open-step')
        && !f.closest('.open-step, .rows'));
    });
  });
}

async function previewPlan(req) {
  const res = await fetch('api/v1/plans', { method: 'POST', headers: { 'Content-Type': 'application/json', ...SCRIPT },
    body: JSON.stringify(req) });
  return res.ok ? res.json() : null;
}

async function loadDraft(id) {
  const panel = document.getElementById('draft');
  const status = document.getElementById('draft-status');
  panel.hidden = false;
  let draft;
  try {
    const res = await fetch('api/v1/drafts/' + encodeURIComponent(id), { cache: 'no-store', headers: SCRIPT });
    if (!res.ok) {
      status.replaceChildren(el('strong', { class: 'warn', text: 'This link has expired or is not valid: open the patient\'s chart in the EHR again for a new one.' }));
      return;
    }
    draft = await res.json();
  } catch (e) {
    status.replaceChildren(el('strong', { class: 'warn', text: 'The draft could not be loaded: the service could not be reached.' }));
    return;
  }
  // The id is a capability: once used, it leaves the address bar and the history.
  history.replaceState(null, '', location.pathname);
  const { notPlaced } = fillRequest(draft.request);
  markFromEhr(draft.sources);
  const derived = document.querySelectorAll('.from-ehr').length;
  status.replaceChildren(`${derived} answers come from the patient's record and are marked "From the EHR"; check them and change what is wrong. `,
    notPlaced.length ? el('span', { class: 'warn', text: `Not shown on this form: ${notPlaced.join(', ')}. ` }) : '');
  const plan = await previewPlan(collect()).catch(() => null);
  if (plan) {
    renderOpenSteps(plan);
    showOnlyOpen(true);
  }
}

async function init() {
  try {
    const res = await fetch('api/v1/wording', { headers: SCRIPT });
    if (!res.ok) throw new Error(String(res.status));
    WORDING = await res.json();
  } catch (e) {
    document.getElementById('wording-status').textContent = 'The wording of the rule set could not be loaded: codes are shown as they are, and every question is asked.';
  }
  buildForm();
  applySkips();
  const form = document.getElementById('patient-form');
  form.addEventListener('submit', submit);
  form.addEventListener('change', onFormChange);
  form.addEventListener('reset', event => { event.preventDefault(); resetForm(); fileStatus(''); });
  document.getElementById('load-example').addEventListener('click', loadExample);
  document.getElementById('save-request').addEventListener('click', saveRequest);
  document.getElementById('load-file').addEventListener('change', loadRequest);
  // The controls appear only once the form can take a click, so that nothing is filled into a half-built form.
  document.getElementById('actions').hidden = false;
  document.getElementById('file-actions').hidden = false;
  const draftId = new URLSearchParams(location.search).get('draft');
  if (draftId) await loadDraft(draftId);
}

init();
