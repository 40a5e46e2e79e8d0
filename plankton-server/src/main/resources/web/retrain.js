// plankton web UI, "Improve the model" (issue 19): retrain from the reviews, follow the job, compare
// the old and new model on held-out reviewed images, switch versions. Loaded after app.js (shares
// state, $, el, api, post, say, loadModel, refresh). Parts of the API that an older server lacks
// (a version's "repredict", GET /api/retrain/report) are simply not shown.
'use strict';

const RETRAIN_POLL_MS = 1000;
const REPREDICT_POLL_MS = 1500;
// after an activation, how many looks for a re-prediction before deciding the server does none
const REPREDICT_LOOKS = 3;

const retrain = {
  job: null,          // the last job status shown
  jobTimer: null,
  models: null,       // GET /api/models
  modelsTimer: null,
  watch: null,        // { version, looks }: an activation whose re-prediction we wait for
};

function fraction(x) { return typeof x === 'number' && Number.isFinite(x) ? (100 * x).toFixed(1) + '%' : '\u2013'; }
function loss(x) { return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(3) : '\u2013'; }

// ---------- opening ----------

async function openRetrain() {
  if (!state.sample) return;
  const d = $('retrain');
  if (!d.open) d.showModal();
  clearRetrainError();
  await Promise.all([loadRetrainSamples(), loadModels(), loadReport(), loadLatestJob()]);
}

// The current sample is preselected each time: the usual case is "I just reviewed this one".
async function loadRetrainSamples() {
  try {
    const { samples } = await api('/api/samples');
    $('retrain-samples').replaceChildren(...samples.map((s) => el('li', {},
      el('label', {}, el('input', { type: 'checkbox', value: String(s.id), checked: state.sample && s.id === state.sample.id }),
        ' ' + s.name + ' ', el('span', { class: 'muted' }, '(' + s.images + ' images)')))));
  } catch (err) { showRetrainError(err.message); }
}

// ---------- starting and following a job ----------

async function startRetrain(e) {
  e.preventDefault();
  clearRetrainError();
  const samples = [...document.querySelectorAll('#retrain-samples input:checked')].map((i) => Number(i.value));
  if (!samples.length) { showRetrainError('Choose at least one sample whose reviews to train on.'); return; }
  const base = $('retrain-base').value.trim();
  $('retrain-start').disabled = true;
  try {
    // Empty epochs: the server chooses them from the number of images (enough steps to learn new classes).
    const epochsText = $('retrain-epochs').value.trim();
    showJob(await post('/api/retrain', { samples, epochs: epochsText === '' ? null : Number(epochsText), base_data: base || null }));
  } catch (err) {
    $('retrain-start').disabled = false;
    if (err.status === 409) {
      // one job at a time on the server: show the one that runs rather than just refusing
      showRetrainError('A retrain job is already running (one at a time): it is shown below.');
      await loadLatestJob();
    } else showRetrainError(err.message);
  }
}

// A 400 names its field in the message ('epochs', 'base_data'): mark that input too.
function showRetrainError(message) {
  $('retrain-error').textContent = message;
  for (const [field, id] of [['epochs', 'retrain-epochs'], ['base_data', 'retrain-base']]) {
    if (message.includes("'" + field + "'")) {
      $(id).setAttribute('aria-invalid', 'true');
      $(id).setAttribute('aria-describedby', 'retrain-error');
    }
  }
}

function clearRetrainError() {
  $('retrain-error').textContent = '';
  for (const id of ['retrain-epochs', 'retrain-base']) { $(id).removeAttribute('aria-invalid'); $(id).removeAttribute('aria-describedby'); }
}

async function loadLatestJob() {
  try {
    showJob(await api('/api/retrain'));
  } catch (err) {
    if (err.status !== 404) say(err.message); // 404: no job since the server started
  }
}

function jobStateText(s) {
  if (s.state === 'running') return s.epoch === 0 ? 'running (preparing the reviewed images)' : 'running';
  if (s.state === 'failed') return 'failed: ' + (s.error || 'see the messages');
  if (s.state === 'cancelled') return 'cancelled: no version written';
  if (s.state === 'done') return 'done: ' + s.version + ' written';
  return s.state;
}

function showJob(s) {
  const was = retrain.job && retrain.job.job === s.job ? retrain.job.state : null;
  retrain.job = s;
  $('retrain-job').hidden = false;
  $('retrain-job').dataset.state = s.state;
  $('job-id').textContent = s.job;
  $('job-state').textContent = jobStateText(s);
  $('job-progress').max = Math.max(1, s.epochs);
  $('job-progress').value = s.epoch;
  const total = s.epochs * s.train_images;
  $('job-numbers').textContent = 'epoch ' + s.epoch + '/' + s.epochs + ' \u00b7 ' + s.images_done
    + (total ? '/' + total : '') + ' training images seen';
  $('job-messages').replaceChildren(...(s.messages || []).slice(-8).map((m) => el('li', {}, m)));
  const running = s.state === 'running';
  $('job-cancel').hidden = !running;
  $('retrain-start').disabled = running;
  clearTimeout(retrain.jobTimer);
  if (running) retrain.jobTimer = setTimeout(pollJob, RETRAIN_POLL_MS);
  renderJobResult();
  if (was === 'running' && !running) jobEnded(s);
}

async function pollJob() {
  const id = retrain.job && retrain.job.job;
  if (!id) return;
  try {
    showJob(await api('/api/retrain/' + encodeURIComponent(id)));
  } catch (err) {
    if (err.status === 404) {
      // a restarted server forgets its jobs
      $('job-state').textContent = 'unknown: the server no longer knows this job';
      $('job-cancel').hidden = true;
      $('retrain-start').disabled = false;
    } else retrain.jobTimer = setTimeout(pollJob, 3 * RETRAIN_POLL_MS); // a network hiccup: keep following
  }
}

function jobEnded(s) {
  if (s.state === 'done') {
    loadModels();
    loadReport();
    if (!$('retrain').open) say('retraining done: ' + s.version + ' is ready; press m to compare and activate it');
  } else if (!$('retrain').open) say('retrain job ' + s.job + ' ' + s.state);
}

async function cancelJob() {
  const s = retrain.job;
  if (!s) return;
  $('job-cancel').disabled = true;
  try {
    showJob(await post('/api/retrain/' + encodeURIComponent(s.job) + '/cancel', {}));
    say('cancelling: training stops at its next step');
  } catch (err) { say(err.message); }
  $('job-cancel').disabled = false;
}

// ---------- the finished job: old vs new on the held-out reviews ----------

function scoreRows(p) {
  const o = p.held_out_old || {};
  const n = p.held_out_new || {};
  const better = (a, b, lowerIsBetter) => (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a)
    && Number.isFinite(b) && a !== b ? ((lowerIsBetter ? b < a : b > a) ? 'better' : 'worse') : '');
  return [
    el('tr', { 'data-metric': 'images' }, el('th', {}, 'images scored'), el('td', {}, String(o.images ?? '\u2013')),
      el('td', {}, String(n.images ?? '\u2013'))),
    el('tr', { 'data-metric': 'accuracy' }, el('th', {}, 'accuracy'), el('td', {}, fraction(o.accuracy)),
      el('td', { class: better(o.accuracy, n.accuracy, false) }, fraction(n.accuracy))),
    el('tr', { 'data-metric': 'log_loss' }, el('th', { title: 'mean negative log probability of the reviewed label' },
      'log loss (lower is better)'), el('td', {}, loss(o.log_loss)),
    el('td', { class: better(o.log_loss, n.log_loss, true) }, loss(n.log_loss))),
  ];
}

function renderJobResult() {
  const s = retrain.job;
  const v = s && s.state === 'done' && retrain.models && (retrain.models.versions || []).find((x) => x.version === s.version);
  $('job-result').hidden = !v;
  if (!v) return;
  $('job-scores').tBodies[0].replaceChildren(...scoreRows(v.provenance || {}));
  const b = $('job-activate');
  b.dataset.version = v.version;
  b.disabled = v.active;
  b.textContent = v.active ? v.version + ' is active' : 'Activate ' + v.version + '\u2026';
}

// ---------- versions ----------

async function loadModels() {
  try {
    retrain.models = await api('/api/models');
  } catch (err) { say(err.message); return; }
  $('models-list').replaceChildren(...(retrain.models.versions || []).map(versionItem));
  renderJobResult();
  followRepredict();
}

function versionSummary(v) {
  const p = v.provenance;
  if (!p) return 'the model the server was started with';
  const o = p.held_out_old || {};
  const n = p.held_out_new || {};
  return (p.samples || []).length + ' sample(s), ' + p.reviews + ' reviews, ' + p.train_images + ' train images'
    + (p.base_images ? ' + ' + p.base_images + ' base images' : '') + ', ' + p.epochs + ' epoch(s) \u00b7 held out ('
    + (n.images ?? 0) + ' images): accuracy ' + fraction(o.accuracy) + ' \u2192 ' + fraction(n.accuracy) + ', log loss '
    + loss(o.log_loss) + ' \u2192 ' + loss(n.log_loss) + (p.created ? ' \u00b7 ' + String(p.created).slice(0, 16).replace('T', ' ') : '');
}

function versionItem(v) {
  const head = el('div', { class: 'model-head' }, el('strong', {}, v.version));
  if (v.active) head.append(el('span', { class: 'active-badge' }, 'active'));
  head.append(el('span', { class: 'spacer' }));
  if (!v.active) {
    const b = el('button', { type: 'button', class: 'small activate', title: 'switch everyone to ' + v.version }, 'Activate\u2026');
    b.addEventListener('click', () => activate(v.version));
    head.append(b);
  }
  const li = el('li', { class: v.active ? 'active' : '', 'data-version': v.version, title: v.directory || '' },
    head, el('div', { class: 'muted summary' }, versionSummary(v)));
  if (v.active) li.setAttribute('aria-current', 'true');
  const r = repredictLine(v.repredict);
  if (r) li.append(r);
  return li;
}

// A version's re-prediction of the stored images (servers that do it); absent or null: nothing shown.
function repredictLine(r) {
  if (!r || typeof r !== 'object') return null;
  const done = Number(r.done) || 0;
  const total = Number(r.total) || 0;
  const text = r.state === 'running' ? 're-predicting stored images: ' + done + '/' + total
    : r.state === 'done' ? 'stored images re-predicted (' + total + ')'
      : 're-prediction ' + r.state + ' at ' + done + '/' + total;
  const div = el('div', { class: 'repredict', 'data-state': r.state }, el('span', {}, text));
  if (r.state === 'running') div.prepend(el('progress', { max: Math.max(1, total), value: done, ariaLabel: 're-prediction progress' }));
  return div;
}

// After an activation the server may re-predict the stored images: follow it, and show the gallery's
// new predictions once it is done. Polls only while something runs (or briefly after activating).
function followRepredict() {
  clearTimeout(retrain.modelsTimer);
  const versions = (retrain.models && retrain.models.versions) || [];
  let again = $('retrain').open && versions.some((v) => v.repredict && v.repredict.state === 'running');
  const w = retrain.watch;
  if (w) {
    const v = versions.find((x) => x.version === w.version);
    const r = v && v.repredict;
    if (r && r.state === 'running') again = true;
    else if (r && r.state) {
      retrain.watch = null;
      if (r.state === 'done') {
        say('stored images re-predicted with ' + w.version);
        if (state.sample) refresh();
      } else say('re-prediction with ' + w.version + ' ' + r.state);
    } else if (++w.looks < REPREDICT_LOOKS) again = true;
    else retrain.watch = null; // this server does not re-predict
  }
  if (again) retrain.modelsTimer = setTimeout(loadModels, REPREDICT_POLL_MS);
}

// Asks first: activating changes the predictions everyone sees, not just this reviewer's.
async function activate(version) {
  if (!confirm('Activate model ' + version + '?\n\nEvery user\u2019s new uploads will be classified by it and the'
    + ' predictions everyone sees will change. You can switch back to any earlier version here.')) return;
  try {
    await post('/api/models/' + encodeURIComponent(version) + '/activate', {});
    say('model ' + version + ' is now active');
    retrain.watch = { version, looks: 0 };
    await Promise.all([loadModel(), loadModels(), loadReport()]);
    if (state.sample) refresh();
  } catch (err) { say(err.message); }
}

// ---------- what the reviews bought (servers with GET /api/retrain/report) ----------

async function loadReport() {
  let rows = null;
  try {
    const r = await api('/api/retrain/report');
    rows = Array.isArray(r) ? r : r && (r.rows || r.report || r.versions);
  } catch (err) { rows = null; } // 404 on servers without the report: the section stays hidden
  const show = Array.isArray(rows) && rows.length > 0;
  $('report-box').hidden = !show;
  if (!show) return;
  const gain = (g) => (typeof g === 'number' && Number.isFinite(g) ? (g >= 0 ? '+' : '') + (100 * g).toFixed(1) + ' pts' : '\u2013');
  const num = (x) => (x === null || x === undefined ? '\u2013' : String(x));
  $('retrain-report').tBodies[0].replaceChildren(...rows.map((r) => el('tr', { 'data-version': r.version },
    el('td', {}, num(r.version)), el('td', {}, num(r.reviews)), el('td', {}, num(r.train_images)),
    el('td', {}, num(r.held_out_images)), el('td', {}, fraction(r.accuracy_old) + ' \u2192 ' + fraction(r.accuracy_new)),
    el('td', { class: typeof r.accuracy_gain === 'number' && r.accuracy_gain < 0 ? 'worse' : 'better' }, gain(r.accuracy_gain)),
    el('td', {}, loss(r.log_loss_old) + ' \u2192 ' + loss(r.log_loss_new)))));
}

// ---------- wiring ----------

function onRetrainKey(e) {
  if (e.key !== 'm' || e.ctrlKey || e.metaKey || e.altKey || !state.sample || $('retrain').open) return;
  if (!$('picker').hidden || e.target.matches('input, select, textarea')) return;
  e.preventDefault();
  openRetrain();
}

function initRetrain() {
  $('open-retrain').addEventListener('click', openRetrain);
  $('retrain-close').addEventListener('click', () => $('retrain').close());
  // the gallery gets the keys back, as after the picker
  $('retrain').addEventListener('close', () => { if (state.sample) focusGallery(); });
  $('retrain-form').addEventListener('submit', startRetrain);
  $('job-cancel').addEventListener('click', cancelJob);
  $('job-activate').addEventListener('click', () => activate($('job-activate').dataset.version));
  document.addEventListener('keydown', onRetrainKey);
}

document.addEventListener('DOMContentLoaded', initRetrain);
