// plankton web UI: plain JavaScript, no build step. Talks only to the JSON API under /api.
'use strict';

const state = { sample: null, classes: [], images: [], selected: -1, offset: 0, total: 0 };
const PAGE = 200;
const $ = (id) => document.getElementById(id);

function say(text) {
  $('message').textContent = text;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { $('message').textContent = ''; }, 4000);
}

function token() { return sessionStorage.getItem('plankton-token') || ''; }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token()) headers['Authorization'] = 'Bearer ' + token();
  const res = await fetch(path, Object.assign({}, options, { headers }));
  if (res.status === 401) {
    $('token-box').hidden = false;
    $('token').focus();
    throw new Error('this server needs an API token for changes: enter it at the top');
  }
  if (res.status === 204) return null;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(body.error || ('HTTP ' + res.status)), { status: res.status, body });
  return body;
}

function post(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

async function loadModel() {
  const m = await api('/api/model');
  state.classes = m.classes;
  $('model').textContent = 'model ' + m.id + ' · ' + m.classes.length + ' classes';
  // labels besides the classes a correction may use without declaring a new class, where the API lists them
  state.labels = m.known_labels || m.taxonomy_groups || [];
}

async function loadSamples() {
  const { samples } = await api('/api/samples');
  const ul = $('samples');
  ul.replaceChildren(...samples.map((s) => {
    const li = el('li', { class: 'sample-item' + (state.sample && state.sample.id === s.id ? ' active' : ''), 'data-id': s.id },
      el('span', {}, s.name), el('span', { class: 'muted' }, String(s.images)));
    li.addEventListener('click', () => openSample(s));
    return li;
  }));
}

async function openSample(s) {
  if (!state.sample || state.sample.id !== s.id) { state.picked.clear(); state.selected = -1; }
  state.sample = s;
  setRoute(true);
  renderUploadErrors();
  $('sample-pane').hidden = false;
  $('sample-title').textContent = s.name;
  $('export-csv').href = '/api/samples/' + s.id + '/export.csv';
  $('export-tsv').href = '/api/samples/' + s.id + '/export.ecotaxa.tsv';
  $('export-zip').href = '/api/samples/' + s.id + '/export.ecotaxa.zip';
  $('export-dwca').href = '/api/samples/' + s.id + '/export.dwca.zip';
  clearMetadataErrors();
  showMetadata(s);
  await Promise.all([loadSamples(), refresh()]);
}

const METADATA_TEXT = ['datetime', 'instrument'];

function showMetadata(s) {
  delete $('metadata').dataset.dirty;
  for (const input of $('metadata').querySelectorAll('input')) {
    const v = s[input.name];
    input.value = v === null || v === undefined ? '' : String(v);
  }
}

// Sends every field: an emptied field clears the stored value (PATCH null), as the form shows it.
async function saveMetadata(e) {
  e.preventDefault();
  clearMetadataErrors();
  const body = {};
  for (const input of $('metadata').querySelectorAll('input')) {
    const v = input.value.trim();
    body[input.name] = v === '' ? null : (METADATA_TEXT.includes(input.name) ? v : Number(v));
  }
  const id = state.sample.id;
  try {
    const s = await api('/api/samples/' + id, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!state.sample || state.sample.id !== id) return;
    state.sample = s;
    showMetadata(s);
    say('metadata saved');
    loadCounts();
    loadSamples();
  } catch (err) { showMetadataError(err); }
}

// The API's 400 names the field it refused ({"error", "field"}): the message goes next to that
// input, so a long form does not leave the reader hunting for what to fix.
function showMetadataError(err) {
  const field = err.body && err.body.field;
  const input = field && $('metadata').querySelector('input[name="' + field + '"]');
  if (!input) { $('metadata-error').textContent = err.message; say(err.message); return; }
  const msg = el('span', { class: 'field-error field-message', id: 'metadata-error-' + field, role: 'alert' }, err.message);
  input.closest('label').after(msg);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', msg.id);
  input.focus();
}

function clearMetadataErrors() {
  $('metadata-error').textContent = '';
  // only the per-field messages: #metadata-error (also a .field-error) stays for the next one
  for (const m of $('metadata').querySelectorAll('.field-message')) m.remove();
  for (const input of $('metadata').querySelectorAll('input[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
}

// Opening the editor reloads the sample: someone else (or a CSV import) may have changed it since the list was read.
async function loadMetadata() {
  if (!state.sample) return;
  const id = state.sample.id;
  try {
    const s = await api('/api/samples/' + id);
    if (!state.sample || state.sample.id !== id) return;
    state.sample = s;
    // never overwrite what the user has started typing while the request was out
    if (!$('metadata').dataset.dirty) showMetadata(s);
  } catch (err) { say(err.message); }
}

function openMetadataEditor(field) {
  const box = $('metadata-box');
  box.open = true; // its toggle event reloads the values
  box.scrollIntoView({ block: 'nearest' });
  const input = field && $('metadata').querySelector('input[name="' + field + '"]');
  if (input) input.focus();
}

async function refresh() {
  state.offset = 0;
  state.images = [];
  await Promise.all([loadImages(), loadCounts()]);
}

async function loadImages() {
  const s = state.sample;
  const params = new URLSearchParams({ order: $('view').value, limit: PAGE, offset: state.offset });
  if ($('status-filter').value) params.set('status', $('status-filter').value);
  if ($('ood-filter').value) params.set('out_of_domain', $('ood-filter').value);
  const page = await api('/api/samples/' + s.id + '/images?' + params);
  state.images = state.images.concat(page.images);
  state.total = page.total;
  $('more').hidden = state.images.length >= state.total;
  if (state.selected >= state.images.length) state.selected = state.images.length - 1;
  if (state.selected < 0 && state.images.length) state.selected = 0;
  render();
}

// The reject option (conformal.json) refuses an image whose top class is not sure enough: the
// gallery shows it under "unclassified", as classify --counts does, rather than under a class.
const UNCLASSIFIED = 'unclassified';
function galleryClass(img) { return img.accepted === false ? UNCLASSIFIED : img.predicted_class; }

function tooltip(img) {
  const lines = [img.file];
  if (img.group) lines.push('group: ' + img.group + ' (' + Math.round(img.group_probability * 100) + '%)');
  if (img.prediction_set && img.prediction_set.length) lines.push('could be: ' + img.prediction_set.join(', '));
  if (img.accepted === false) lines.push('rejected: not sure enough to keep its class');
  if (img.out_of_domain === true) lines.push('out of domain (score ' + img.ood_score.toFixed(1) + '): unlike the training images');
  return lines.join('\n');
}

// tile() and render(): review.js

// loadCounts(): counts.js

// reviews: review() in review.js

// A sample is often thousands of images: send them in batches well under the server's limits
// (1,000 files and 64 MB per request by default), so one drop of a whole folder works, shows
// progress, and a batch that fails (say, one huge file) does not lose the others.
const UPLOAD_BATCH_FILES = 200;
const UPLOAD_BATCH_BYTES = 16 * 1024 * 1024;

function uploadBatches(files) {
  const batches = [];
  let batch = [];
  let bytes = 0;
  for (const f of files) {
    if (batch.length && (batch.length >= UPLOAD_BATCH_FILES || bytes + f.size > UPLOAD_BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(f);
    bytes += f.size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

async function upload(files) {
  if (!state.sample || !files.length) return;
  const sample = state.sample;
  const totals = { created: 0, duplicates: 0, errors: 0, sent: 0 };
  const errors = [];
  const status = () => totals.created + ' added, ' + totals.duplicates + ' duplicate(s), ' + totals.errors + ' error(s)'
    + (errors.length ? ' — ' + errors.slice(0, 20).join('; ') + (errors.length > 20 ? '; ...' : '') : '');
  for (const batch of uploadBatches(files)) {
    showUploadProgress(totals.sent, files.length);
    $('upload-status').textContent = 'uploading and classifying ' + totals.sent + '/' + files.length + ' file(s)...'
      + (totals.sent ? ' (so far ' + totals.created + ' new, ' + totals.errors + ' failed)' : '');
    const form = new FormData();
    for (const f of batch) form.append('files', f, f.name);
    try {
      const r = await api('/api/samples/' + sample.id + '/images', { method: 'POST', body: form });
      totals.created += r.created;
      totals.duplicates += r.duplicates;
      totals.errors += r.errors;
      for (const x of r.results) if (x.state === 'error') errors.push(x.file + ': ' + x.error);
    } catch (e) {
      totals.errors += batch.length;
      errors.push(batch.length + ' file(s) from ' + batch[0].name + ' not uploaded: ' + e.message);
    }
    totals.sent += batch.length;
  }
  showUploadProgress(files.length, files.length);
  $('upload-status').textContent = status();
  addUploadErrors(sample.id, errors);
  await Promise.all([refresh(), loadSamples()]);
}

// keys: onReviewKey in review.js

function init() {
  $('token').value = token();
  $('token').addEventListener('change', () => sessionStorage.setItem('plankton-token', $('token').value.trim()));
  $('who').value = localStorage.getItem('plankton-who') || '';
  $('who').addEventListener('change', () => localStorage.setItem('plankton-who', $('who').value.trim()));
  $('new-sample').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const s = await post('/api/samples', { name: $('new-sample-name').value });
      $('new-sample-name').value = '';
      await openSample(s);
    } catch (err) { say(err.message); }
  });
  $('metadata').addEventListener('submit', saveMetadata);
  $('metadata').addEventListener('input', () => { $('metadata').dataset.dirty = '1'; });
  $('metadata-box').addEventListener('toggle', () => { if ($('metadata-box').open) loadMetadata(); });
  $('delete-sample').addEventListener('click', async () => {
    if (!confirm('Delete sample "' + state.sample.name + '" with all its images and reviews?')) return;
    try {
      await api('/api/samples/' + state.sample.id, { method: 'DELETE' });
      state.sample = null;
      $('sample-pane').hidden = true;
      setRoute(false);
      loadSamples();
    } catch (err) { say(err.message); }
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); upload([...e.dataTransfer.files]); });
  $('file-input').addEventListener('change', (e) => { upload([...e.target.files]); e.target.value = ''; });
  $('view').addEventListener('change', refresh);
  $('status-filter').addEventListener('change', refresh);
  $('ood-filter').addEventListener('change', refresh);
  $('more').addEventListener('click', () => { state.offset += PAGE; loadImages(); });
  loadModel().then(loadSamples).then(applyRoute).catch((e) => say(e.message));
}

document.addEventListener('DOMContentLoaded', init);
