// plankton web UI, counts panel (issue 19): counts per class, or concentrations and sizes. Loaded after
// app.js (shares state, $, el, api). The panel is ~22em wide: both views have four columns so the
// table never scrolls sideways; the full values are in each cell's title.
'use strict';

const COUNTS_VIEW_KEY = 'plankton-counts-view';

function countsView() { return localStorage.getItem(COUNTS_VIEW_KEY) === 'concentration' ? 'concentration' : 'counts'; }

// Three significant figures at most: a concentration's interval is wide, more digits would be noise.
function sig(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '\u2013';
  const a = Math.abs(x);
  if (a >= 100) return String(Math.round(x));
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a === 0) return '0';
  return x.toPrecision(2);
}

function perL(r) {
  if (r.concentration_per_l === null || r.concentration_per_l === undefined) return null;
  return sig(r.concentration_per_l) + ' /L (' + sig(r.concentration_per_l_low) + '\u2013' + sig(r.concentration_per_l_high) + ')';
}

function concentrationTitle(r) {
  const l = perL(r);
  if (!l) return 'no concentration: the sample has no volume';
  return r.class + ': ' + l + ' (95% interval); ' + sig(r.concentration_per_m3) + ' /m\u00b3 ('
    + sig(r.concentration_per_m3_low) + '\u2013' + sig(r.concentration_per_m3_high) + '); from ' + r.current + ' individual(s)';
}

function countsHead(view) {
  const th = (text, title) => el('th', { title }, text);
  return view === 'concentration'
    ? el('tr', {}, th('class'), th('/L (95%)', 'individuals per litre, 95% interval'),
      th('ESD', 'mean equivalent spherical diameter, \u00b5m'), th('mm\u00b3', 'total biovolume, mm\u00b3'))
    : el('tr', {}, th('class'), th('pred.', 'predicted by the model'), th('valid.', 'validated by a person'),
      th('now', 'current: predicted or reviewed label'));
}

function countsRow(r, view, c) {
  const name = el('td', { title: r.class }, r.class);
  if (view !== 'concentration') {
    return el('tr', { 'data-class': r.class }, name, el('td', {}, String(r.predicted)), el('td', {}, String(r.validated)),
      el('td', {}, String(r.current)));
  }
  const l = perL(r);
  // the cell drops the unit (it is in the header) so the interval fits; the title has everything
  const conc = el('td', { class: 'conc', title: concentrationTitle(r) },
    l ? sig(r.concentration_per_l) + ' (' + sig(r.concentration_per_l_low) + '\u2013' + sig(r.concentration_per_l_high) + ')' : '\u2013');
  const sized = r.sized_objects ? ' (' + r.sized_objects + ' sized)' : '';
  const noSize = c.pixel_size_um === null || c.pixel_size_um === undefined ? 'the sample has no pixel size' : 'no object measured';
  const esd = el('td', { title: r.mean_esd_um === null || r.mean_esd_um === undefined ? 'no size: ' + noSize
    : 'mean ESD ' + r.mean_esd_um + ' \u00b5m' + sized }, sig(r.mean_esd_um));
  const bio = el('td', { title: r.total_biovolume_mm3 === null || r.total_biovolume_mm3 === undefined
    ? 'no biovolume: ' + noSize : 'total biovolume ' + r.total_biovolume_mm3 + ' mm\u00b3' + sized },
  sig(r.total_biovolume_mm3));
  return el('tr', { 'data-class': r.class }, name, conc, esd, bio);
}

// Said once above the table, not in every row: what is missing, and the way to add it.
function countsNote(c, view) {
  const note = $('counts-note');
  const missing = [];
  if (view === 'concentration' && c.classes.length) {
    if (c.imaged_volume_l === null || c.imaged_volume_l === undefined) missing.push('concentrations need the sample\u2019s volume (L)');
    if (c.pixel_size_um === null || c.pixel_size_um === undefined) missing.push('sizes need its pixel size (\u00b5m)');
  }
  note.hidden = !missing.length;
  if (!missing.length) return;
  const b = el('button', { type: 'button', class: 'linklike-button', id: 'counts-edit-metadata' }, 'Edit metadata');
  b.addEventListener('click', () => openMetadataEditor(c.imaged_volume_l === null || c.imaged_volume_l === undefined ? 'volume_l' : 'pixel_size_um'));
  const text = missing.join('; ');
  note.replaceChildren(text.charAt(0).toUpperCase() + text.slice(1) + '. ', b);
}

async function loadCounts() {
  const c = await api('/api/samples/' + state.sample.id + '/counts');
  state.counts = c;
  renderCounts();
}

function renderCounts() {
  const c = state.counts;
  if (!c) return;
  const view = countsView();
  for (const b of document.querySelectorAll('#counts-toggle button')) b.setAttribute('aria-pressed', String(b.value === view));
  const table = $('counts');
  table.dataset.view = view; // not a class: .counts is the panel's own
  table.tHead.replaceChildren(countsHead(view));
  table.tBodies[0].replaceChildren(...c.classes.map((r) => countsRow(r, view, c)));
  countsNote(c, view);
  const max = Math.max(1, ...c.classes.map((r) => r.current));
  $('chart').replaceChildren(...c.classes.map((r) => {
    const bar = el('div', { class: 'bar' });
    bar.style.width = (100 * r.current / max) + '%';
    const v = el('div', { class: 'bar validated' });
    v.style.width = (100 * r.validated / max) + '%';
    return el('div', { class: 'bar-row' }, el('span', { class: 'name', title: r.class }, r.class), el('span', { class: 'track' }, bar, v),
      el('span', {}, String(r.current)));
  }));
}

function initCounts() {
  for (const b of document.querySelectorAll('#counts-toggle button')) {
    // the choice is made: the keys go back to the gallery (Enter on the button would otherwise validate)
    b.addEventListener('click', () => {
      localStorage.setItem(COUNTS_VIEW_KEY, b.value);
      renderCounts();
      focusGallery();
      // and fresh figures: the metadata may have changed elsewhere (a CSV import, another reviewer)
      if (state.sample) loadCounts().catch((e) => say(e.message));
    });
  }
}

document.addEventListener('DOMContentLoaded', initCounts);
