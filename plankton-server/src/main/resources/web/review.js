// plankton web UI, review (issue 19): keyboard-first gallery, class picker, detail panel,
// multi-select, undo, URL of each sample and view. Loaded after app.js (shares state, $, el, api, post, say).
'use strict';

Object.assign(state, {
  order: [],          // indexes into state.images in the order the gallery shows them
  picked: new Set(),  // ids of the multi-selected images
  anchor: -1,         // index where a shift-click range starts
  undo: [],           // stack of [{ image_id, annotation_id }] batches, newest last
  labels: [],         // labels the picker offers besides the model's classes (taxonomy groups, when the API gives them)
  zoom: 0,            // detail panel zoom: 0 fits the panel, else a scale factor
  detailFor: null,
});

// ---------- reviewer: required once per browser, never anonymous ----------

function reviewer() {
  const who = ($('who').value || '').trim() || (localStorage.getItem('plankton-who') || '').trim();
  if (who) return who;
  $('who').classList.add('missing');
  $('who').focus();
  say('Enter your name at the top first (once per browser): every review records who made it');
  return null;
}

function saveReviewer() {
  const who = $('who').value.trim();
  if (who) { localStorage.setItem('plankton-who', who); $('who').classList.remove('missing'); }
}

// ---------- grouping and tiles ----------

// an image's gallery group: its current label; unreviewed images the reject option refused: unclassified
function currentGroup(img) { return img.status === 'predicted' ? galleryClass(img) : img.label; }

function pct(p) { return Math.round(p * 100) + '%'; }

function statusLine(img) {
  if (img.status === 'dubious') return 'dubious (' + img.annotated_by + ')';
  if (img.status === 'validated' && img.corrected) return 'corrected (was ' + img.predicted_class + ', ' + pct(img.predicted_prob) + ')';
  if (img.status === 'validated') return 'validated by ' + img.annotated_by;
  return 'predicted';
}

function tile(img, index) {
  const thumb = el('div', { class: 'thumb' }, el('img', { src: img.thumbnail_url, alt: img.file, loading: 'lazy' }));
  if (img.out_of_domain === true) thumb.append(el('span', { class: 'badge ood', title: 'out of domain' }, 'OOD'));
  if (state.picked.has(img.id)) thumb.append(el('span', { class: 'badge picked', title: 'in the selection' }, '\u2713'));
  const cls = ['tile', img.status];
  if (img.corrected) cls.push('corrected');
  if (img.out_of_domain === true) cls.push('out-of-domain');
  if (index === state.selected) cls.push('selected');
  if (state.picked.has(img.id)) cls.push('picked');
  const status = statusLine(img);
  const t = el('div', { class: cls.join(' '), 'data-id': img.id, tabIndex: -1 },
    thumb,
    el('div', { class: 'meta' }, el('span', { class: 'label', title: img.label }, img.label),
      el('span', { class: 'conf' }, pct(img.predicted_prob))),
    el('div', { class: 'meta status', title: status }, status));
  const top = (img.top || []).map((t, i) => (i + 1) + ' ' + t.class + ' ' + pct(t.probability));
  t.title = tooltip(img) + '\nlabel: ' + img.label + (top.length ? '\ntop 5 (keys 1-5):\n' + top.join('\n') : '');
  t.addEventListener('click', (e) => clickTile(e, index));
  return t;
}

function clickTile(e, index) {
  const img = state.images[index];
  if (e.shiftKey && state.order.includes(state.anchor)) {
    const a = state.order.indexOf(state.anchor);
    const b = state.order.indexOf(index);
    for (let k = Math.min(a, b); k <= Math.max(a, b); k++) state.picked.add(state.images[state.order[k]].id);
  } else if (e.ctrlKey || e.metaKey) {
    if (state.picked.has(img.id)) state.picked.delete(img.id); else state.picked.add(img.id);
    state.anchor = index;
  } else {
    state.anchor = index;
  }
  state.selected = index;
  render();
  focusGallery();
}

function groupHead(cls, n) {
  const h = el('h3', {}, el('span', { title: cls }, cls), el('span', { class: 'muted' }, ' (' + n + ')'));
  if (cls !== UNCLASSIFIED) {
    const b = el('button', { type: 'button', class: 'small validate-group', title: 'validate every unreviewed image of '
      + cls + ' the model gave at least the threshold set above' }, 'validate \u2265 ' + threshold() + '%');
    b.addEventListener('click', () => validateGroup(cls));
    h.append(' ', b);
  }
  return h;
}

function render() {
  const g = $('gallery');
  const tiles = state.images.map(tile);
  if ($('view').value === 'class') {
    // grouped by current label (a corrected image moves to its new class), alphabetically,
    // unclassified last; within a group as the server ordered them (confidence, highest first)
    const groups = new Map();
    state.images.forEach((img, i) => {
      const cls = currentGroup(img);
      if (!groups.has(cls)) groups.set(cls, []);
      groups.get(cls).push(i);
    });
    const names = [...groups.keys()].sort((a, b) => (a === UNCLASSIFIED) - (b === UNCLASSIFIED) || a.localeCompare(b));
    state.order = names.flatMap((n) => groups.get(n));
    g.replaceChildren(...names.map((cls) => el('div', { class: 'group', 'data-class': cls },
      groupHead(cls, groups.get(cls).length), el('div', { class: 'tiles' }, ...groups.get(cls).map((i) => tiles[i])))));
  } else {
    state.order = state.images.map((_, i) => i);
    g.replaceChildren(el('div', { class: 'tiles' }, ...tiles));
  }
  const sel = g.querySelector('.tile.selected');
  if (sel) sel.scrollIntoView({ block: 'nearest' });
  renderSelectionBar();
  renderDetail();
}

function renderSelectionBar() {
  const n = state.picked.size;
  $('selection-bar').hidden = n === 0;
  $('picked-count').textContent = n + ' selected';
}

function focusGallery() { $('gallery').focus({ preventScroll: true }); }

function move(step) {
  const pos = state.order.indexOf(state.selected);
  const next = Math.max(0, Math.min(state.order.length - 1, (pos < 0 ? 0 : pos) + step));
  state.selected = state.order[next];
  render();
}

// Up/down: the tile on the next/previous row nearest the selected one's column.
function moveRow(dir) {
  const cur = $('gallery').querySelector('.tile.selected');
  if (!cur) { move(dir); return; }
  const r = cur.getBoundingClientRect();
  const cx = r.left + r.width / 2;
  const rows = [...$('gallery').querySelectorAll('.tile')].map((t) => ({ t, b: t.getBoundingClientRect() }))
    .filter((x) => (dir > 0 ? x.b.top > r.top + 4 : x.b.top < r.top - 4));
  if (!rows.length) return;
  const rowTop = dir > 0 ? Math.min(...rows.map((x) => x.b.top)) : Math.max(...rows.map((x) => x.b.top));
  const row = rows.filter((x) => Math.abs(x.b.top - rowTop) < 4);
  row.sort((p, q) => Math.abs(p.b.left + p.b.width / 2 - cx) - Math.abs(q.b.left + q.b.width / 2 - cx));
  const id = Number(row[0].t.getAttribute('data-id'));
  state.selected = state.images.findIndex((x) => x.id === id);
  render();
}

// ---------- reviews ----------

function threshold() {
  const v = Number($('min-pct').value);
  return Number.isFinite(v) ? Math.max(0, Math.min(100, v)) : 90;
}

function replaceImage(updated) {
  const i = state.images.findIndex((x) => x.id === updated.id);
  if (i >= 0) { delete updated.annotation; Object.assign(state.images[i], updated); }
}

// One review of the selected image; then the next image in gallery order is selected.
async function review(action, label, newClass) {
  const index = state.selected;
  const img = state.images[index];
  if (!img) return;
  const who = reviewer();
  if (!who) return;
  const body = { who };
  if (label) body.label = label;
  if (newClass) body.new_class = true;
  const pos = state.order.indexOf(index);
  const nextIndex = pos >= 0 && pos < state.order.length - 1 ? state.order[pos + 1] : index;
  try {
    const updated = await post('/api/images/' + img.id + '/' + action, body);
    state.undo.push([{ image_id: img.id, annotation_id: updated.annotation.id }]);
    replaceImage(updated);
    state.selected = nextIndex;
    render();
    loadCounts();
  } catch (e) { say(e.message); }
}

// Keys 1-5: the selected image's own k-th most probable class (the current label: a validation).
function pickTop(k) {
  const img = state.images[state.selected];
  const t = img && img.top && img.top[k - 1];
  if (!t) return;
  if (t.class === img.label) review('validate');
  else review('correct', t.class);
}

async function undoLast() {
  const batch = state.undo.pop();
  if (!batch) { say('nothing to undo'); return; }
  const who = reviewer();
  if (!who) { state.undo.push(batch); return; }
  const failed = [];
  for (const r of batch.slice().reverse()) {
    try {
      replaceImage(await post('/api/images/' + r.image_id + '/undo', { who, annotation_id: r.annotation_id }));
    } catch (e) { failed.push('image ' + r.image_id + ': ' + e.message); }
  }
  const i = state.images.findIndex((x) => x.id === batch[0].image_id);
  if (i >= 0) state.selected = i;
  render();
  loadCounts();
  say(failed.length ? 'not undone: ' + failed.join('; ') : 'undone: ' + batch.length + ' review(s)');
}

async function validateMany(body, what) {
  const who = reviewer();
  if (!who) return;
  try {
    const r = await post('/api/samples/' + state.sample.id + '/validate', Object.assign({ who }, body));
    if (r.annotations.length) state.undo.push(r.annotations.map((a) => ({ image_id: a.image_id, annotation_id: a.id })));
    state.picked.clear();
    say(r.validated + ' image(s) validated' + what + ' (Ctrl-Z undoes)');
    const keep = state.images[state.selected] && state.images[state.selected].id;
    await refresh();
    const i = state.images.findIndex((x) => x.id === keep);
    if (i >= 0) { state.selected = i; render(); }
  } catch (e) { say(e.message); }
  focusGallery();
}

function validatePicked() {
  if (state.picked.size) validateMany({ image_ids: [...state.picked] }, '');
}

function validateGroup(cls) {
  validateMany({ label: cls, min_prob: threshold() / 100 }, ' in ' + cls + ' at or above ' + threshold() + '%');
}

// ---------- class picker ----------

function knownLabels() {
  return [...new Set(state.classes.concat(state.labels))].sort((a, b) => a.localeCompare(b));
}

function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

// The picker's entries for a query: the image's top-5 first, then the other known labels; a query
// names them by substring (prefix matches first), or, failing that, by a near spelling. An entry
// for a label nobody knows is offered last, and only chosen explicitly.
function pickerEntries(query) {
  const img = state.images[state.selected];
  const q = query.trim().toLowerCase();
  const top = (img && img.top) || [];
  const prob = new Map(top.map((t) => [t.class, t.probability]));
  const all = top.map((t) => t.class).concat(knownLabels().filter((l) => !prob.has(l)));
  let hits = q ? all.filter((l) => l.toLowerCase().includes(q)) : all;
  if (q) hits.sort((a, b) => (!a.toLowerCase().startsWith(q)) - (!b.toLowerCase().startsWith(q)));
  let near = false;
  if (q && !hits.length) {
    // a near spelling is only a suggestion: never highlighted, so Enter does not take it
    hits = all.filter((l) => editDistance(l.toLowerCase(), q) <= Math.max(2, Math.floor(q.length / 3)));
    near = true;
  }
  const entries = hits.map((l) => ({ label: l, prob: prob.get(l), near }));
  if (q && !all.some((l) => l.toLowerCase() === q)) entries.push({ label: query.trim(), isNew: true });
  return entries;
}

function openPicker() {
  if (!state.images[state.selected]) return;
  $('picker').hidden = false;
  $('picker-input').value = '';
  state.pickerIndex = 0;
  state.pickerMoved = false;
  renderPicker();
  $('picker-input').focus();
}

function closePicker() {
  $('picker').hidden = true;
  focusGallery();
}

function renderPicker() {
  const entries = pickerEntries($('picker-input').value);
  state.pickerEntries = entries;
  const first = entries[0];
  if (!state.pickerMoved) state.pickerIndex = first && !first.isNew && !first.near ? 0 : -1;
  if (state.pickerIndex >= entries.length) state.pickerIndex = entries.length - 1;
  $('picker-list').replaceChildren(...entries.map((e, i) => {
    const li = el('li', { class: (e.isNew ? 'new-class' : '') + (i === state.pickerIndex ? ' active' : ''),
      title: e.label, 'data-label': e.label },
      e.isNew ? 'Add \u201c' + e.label + '\u201d as a new class\u2026' : e.label,
      e.prob === undefined ? '' : el('span', { class: 'muted' }, ' ' + pct(e.prob)));
    if (e.near) li.classList.add('near');
    li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choosePicker(i); });
    return li;
  }));
  const active = $('picker-list').querySelector('.active');
  if (active) active.scrollIntoView({ block: 'nearest' });
}

function choosePicker(i) {
  const e = state.pickerEntries[i];
  if (!e) {
    say('\u201c' + $('picker-input').value.trim() + '\u201d is not a known label: choose one from the list,'
      + ' or pick \u201cadd as a new class\u201d explicitly');
    return;
  }
  closePicker();
  review('correct', e.label, e.isNew === true);
}

function onPickerKey(e) {
  const n = state.pickerEntries.length;
  if (e.key === 'ArrowDown') state.pickerIndex = Math.min(n - 1, state.pickerIndex + 1);
  else if (e.key === 'ArrowUp') state.pickerIndex = Math.max(0, state.pickerIndex - 1);
  else if (e.key === 'Enter') {
    const entry = state.pickerEntries[state.pickerIndex];
    // Enter takes the highlighted known label; a new class is only ever taken when highlighted on purpose
    choosePicker(entry && ((!entry.isNew && !entry.near) || state.pickerMoved) ? state.pickerIndex : -1);
    e.preventDefault();
    return;
  } else if (e.key === 'Escape') { closePicker(); e.preventDefault(); return; } else return;
  state.pickerMoved = true;
  e.preventDefault();
  renderPicker();
}

// ---------- detail panel ----------

const BROWSER_FORMATS = ['png', 'jpeg', 'jpg', 'gif', 'bmp', 'webp'];

function renderDetail() {
  const img = state.images[state.selected];
  $('detail').hidden = !img;
  if (!img) return;
  const same = state.detailFor === img.id;
  state.detailFor = img.id;
  const pic = $('detail-img');
  const src = BROWSER_FORMATS.includes(img.format) ? img.file_url : img.thumbnail_url;
  if (pic.getAttribute('src') !== src) { pic.src = src; if (!same) state.zoom = 0; }
  applyZoom();
  $('detail-file').textContent = img.file;
  $('detail-file').title = img.file;
  const um = state.sample && state.sample.pixel_size_um;
  $('detail-size').textContent = img.width + ' \u00d7 ' + img.height + ' px'
    + (um ? ' = ' + (img.width * um).toFixed(1) + ' \u00d7 ' + (img.height * um).toFixed(1) + ' \u00b5m' : '');
  $('detail-status').textContent = img.label + ' \u00b7 ' + statusLine(img);
  $('detail-status').title = img.label;
  $('detail-top').replaceChildren(...(img.top || []).map((t, i) => {
    const bar = el('span', { class: 'bar' });
    bar.style.width = (100 * t.probability) + '%';
    const li = el('li', { class: t.class === img.label ? 'current' : '', title: 'key ' + (i + 1) + ': label it ' + t.class,
      'data-class': t.class },
      el('kbd', {}, String(i + 1)), el('span', { class: 'name' }, t.class), el('span', { class: 'track' }, bar),
      el('span', { class: 'p' }, pct(t.probability)));
    li.addEventListener('click', () => { pickTop(i + 1); focusGallery(); });
    return li;
  }));
  if (!same) loadHistory(img.id);
}

async function loadHistory(id) {
  $('detail-history').replaceChildren();
  try {
    const d = await api('/api/images/' + id);
    if (state.detailFor !== id) return;
    $('detail-history').replaceChildren(...(d.history.length ? d.history.map((a) => el('li', {},
      a.created.replace('T', ' ').slice(0, 16) + ' ' + a.who + ': ' + historyText(a))) : [el('li', { class: 'muted' }, 'not reviewed yet')]));
  } catch (e) { say(e.message); }
}

function historyText(a) {
  const what = a.action === 'reset' ? 'back to the prediction'
    : a.action === 'correct' ? 'corrected to ' + a.label
      : a.action === 'dubious' ? 'marked dubious (' + a.label + ')' : 'validated ' + a.label;
  return a.undoes ? 'undo of #' + a.undoes + ': ' + what : what;
}

function applyZoom() {
  const pic = $('detail-img');
  if (!state.zoom) { pic.style.width = ''; pic.style.maxWidth = '100%'; pic.style.maxHeight = '100%'; }
  else {
    pic.style.maxWidth = 'none'; pic.style.maxHeight = 'none';
    pic.style.width = Math.round((pic.naturalWidth || 128) * state.zoom) + 'px';
  }
  $('zoom-level').textContent = state.zoom ? Math.round(state.zoom * 100) + '%' : 'fit';
}

function zoom(factor) {
  const pic = $('detail-img');
  const base = state.zoom || (pic.clientWidth / (pic.naturalWidth || pic.clientWidth || 1));
  state.zoom = factor ? Math.max(0.25, Math.min(16, base * factor)) : 0;
  applyZoom();
}

// ---------- keyboard ----------

function onReviewKey(e) {
  if (!state.sample || !$('picker').hidden || e.target.matches('input, select, textarea')) return;
  // a dialog (retrain.js) has the keys while open: 'v' on its buttons must not validate an image behind it
  if (document.querySelector('dialog[open]')) return;
  if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z')) { undoLast(); e.preventDefault(); return; }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (!state.images.length) return;
  if (e.key === 'ArrowRight' || e.key === 'j') move(1);
  else if (e.key === 'ArrowLeft' || e.key === 'k') move(-1);
  else if (e.key === 'ArrowDown') moveRow(1);
  else if (e.key === 'ArrowUp') moveRow(-1);
  else if (e.key === 'Enter' || e.key === 'v') review('validate');
  else if (/^[1-5]$/.test(e.key)) pickTop(+e.key);
  else if (e.key === 'c' || e.key === '/') openPicker();
  else if (e.key === 'd') review('dubious');
  else if (e.key === 'x') {
    const img = state.images[state.selected];
    if (img) { if (state.picked.has(img.id)) state.picked.delete(img.id); else state.picked.add(img.id); render(); }
  } else if (e.key === 'V') validatePicked();
  else if (e.key === 'Escape') { state.picked.clear(); render(); }
  else if (e.key === '+' || e.key === '=') zoom(1.5);
  else if (e.key === '-') zoom(1 / 1.5);
  else if (e.key === '0') zoom(0);
  else return;
  e.preventDefault();
}

// ---------- URL: #/samples/<id>?view=..&status=..&ood=.. ----------

function routeHash() {
  if (!state.sample) return '#/';
  const p = new URLSearchParams();
  if ($('view').value !== 'class') p.set('view', $('view').value);
  if ($('status-filter').value) p.set('status', $('status-filter').value);
  if ($('ood-filter').value) p.set('ood', $('ood-filter').value);
  const q = p.toString();
  return '#/samples/' + state.sample.id + (q ? '?' + q : '');
}

// a new sample is a new history entry (Back returns to the previous one); a new view replaces it
function setRoute(newEntry) {
  const h = routeHash();
  if (location.hash === h) return;
  if (newEntry) history.pushState(null, '', h); else history.replaceState(null, '', h);
}

async function applyRoute() {
  const m = /^#\/samples\/(\d+)(?:\?(.*))?$/.exec(location.hash);
  if (!m) return;
  const p = new URLSearchParams(m[2] || '');
  $('view').value = p.get('view') || 'class';
  $('status-filter').value = p.get('status') || '';
  $('ood-filter').value = p.get('ood') || '';
  try {
    const s = await api('/api/samples/' + m[1]);
    if (state.sample && state.sample.id === s.id) { state.sample = s; await refresh(); } else await openSample(s, true);
  } catch (e) { say('sample ' + m[1] + ': ' + e.message); }
}

// ---------- uploads: a progress bar, and errors kept in the sample until dismissed ----------

function uploadErrorsKey(id) { return 'plankton-upload-errors-' + id; }

function showUploadProgress(sent, total) {
  const bar = $('upload-progress');
  bar.hidden = sent >= total;
  bar.max = total;
  bar.value = sent;
}

function addUploadErrors(sampleId, errors) {
  if (!errors.length) return;
  const key = uploadErrorsKey(sampleId);
  const all = JSON.parse(sessionStorage.getItem(key) || '[]').concat(errors);
  sessionStorage.setItem(key, JSON.stringify(all));
  renderUploadErrors();
}

function renderUploadErrors() {
  const errors = state.sample ? JSON.parse(sessionStorage.getItem(uploadErrorsKey(state.sample.id)) || '[]') : [];
  $('upload-errors').hidden = !errors.length;
  $('upload-error-list').replaceChildren(...errors.map((x) => el('li', {}, x)));
  $('upload-error-count').textContent = errors.length + ' file(s) not added';
}

function dismissUploadErrors() {
  sessionStorage.removeItem(uploadErrorsKey(state.sample.id));
  renderUploadErrors();
}

// ---------- wiring ----------

function initReview() {
  $('who').addEventListener('input', saveReviewer);
  $('who').addEventListener('keydown', (e) => { if (e.key === 'Enter') { saveReviewer(); focusGallery(); } });
  for (const id of ['view', 'status-filter', 'ood-filter']) {
    // the choice is made: give the keys back to the gallery (arrows would otherwise change the menu)
    $(id).addEventListener('change', () => { state.picked.clear(); setRoute(false); $(id).blur(); focusGallery(); });
  }
  $('picker-input').addEventListener('input', () => { state.pickerIndex = 0; state.pickerMoved = false; renderPicker(); });
  $('picker-input').addEventListener('keydown', onPickerKey);
  document.addEventListener('mousedown', (e) => { if (!$('picker').hidden && !$('picker').contains(e.target)) closePicker(); });
  $('validate-picked').addEventListener('click', validatePicked);
  $('clear-picked').addEventListener('click', () => { state.picked.clear(); render(); focusGallery(); });
  $('detail-validate').addEventListener('click', () => { review('validate'); focusGallery(); });
  $('detail-dubious').addEventListener('click', () => { review('dubious'); focusGallery(); });
  $('detail-correct').addEventListener('click', openPicker);
  $('detail-undo').addEventListener('click', () => { undoLast(); focusGallery(); });
  $('zoom-in').addEventListener('click', () => zoom(1.5));
  $('zoom-out').addEventListener('click', () => zoom(1 / 1.5));
  $('zoom-fit').addEventListener('click', () => zoom(0));
  $('detail-img').addEventListener('load', applyZoom);
  $('detail-view').addEventListener('wheel', (e) => { if (e.ctrlKey || e.altKey) { e.preventDefault(); zoom(e.deltaY < 0 ? 1.25 : 0.8); } },
    { passive: false });
  $('dismiss-upload-errors').addEventListener('click', dismissUploadErrors);
  $('min-pct').value = localStorage.getItem('plankton-min-pct') || '90';
  $('min-pct').addEventListener('change', () => { localStorage.setItem('plankton-min-pct', String(threshold())); render(); focusGallery(); });
  window.addEventListener('hashchange', applyRoute);
  document.addEventListener('keydown', onReviewKey);
}

document.addEventListener('DOMContentLoaded', initReview);
