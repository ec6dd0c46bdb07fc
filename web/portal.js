// portal.js - the portal kit for an administrator: choose the scope of the
// listing (province, type, issuer, field, validity, since), see it live,
// and copy the one tag (or the <iframe>) that puts it on the portal; the
// same scope as JSON, Atom and incremental sync for those who build their own.
import {api, clear, el, initHeader, label, learnNames, PROVINCES, TYPES, VALIDITY} from './app.js';

const $ = (id) => document.getElementById(id);
const base = new URL('./', location.href).href;
const SCOPE = ['province', 'type', 'issuer', 'field', 'status', 'since'];

function option(value, text, count) {
	return el('option', {value}, count !== undefined ? `${text} (${count})` : text);
}

/** Fill SELECT with "all" then VALUES ([slug, label, count?]). */
function fill(select, values) {
	clear(select).append(option('', 'Tất cả'));
	for (const [value, text, count] of values) select.append(option(value, text, count));
}

function scope() {
	const f = $('portal-form');
	const s = {};
	for (const k of SCOPE) if (f[k].value) s[k] = f[k].value;
	return s;
}

function attrs() {
	const f = $('portal-form');
	const a = {};
	for (const [k, v] of Object.entries(scope())) a[k] = v;
	if (f.title.value.trim()) a.title = f.title.value.trim();
	const per = parseInt(f.per_page.value, 10);
	if (per && per !== 10) a['per-page'] = String(Math.min(50, Math.max(1, per)));
	if (!f.search.checked) a.search = '0';
	return a;
}

const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function scriptSnippet(a) {
	const data = Object.entries(a).map(([k, v]) => ` data-${k}="${esc(v)}"`).join('');
	return `<script src="${base}embed.js"${data}></script>`;
}

function iframeSnippet(a) {
	const q = new URLSearchParams(a).toString();
	return `<iframe src="${esc(base + 'embed.html' + (q ? '?' + q : ''))}" title="${esc(a.title || 'Văn bản pháp luật')}" ` +
		`style="width:100%;height:640px;border:0" loading="lazy"></iframe>`;
}

let previewTimer = 0;

async function update() {
	const a = attrs();
	$('snippet-script').value = scriptSnippet(a);
	$('snippet-iframe').value = iframeSnippet(a);
	const s = scope();
	const q = new URLSearchParams(s).toString();
	const sync = new URLSearchParams({...s});
	sync.delete('since');
	sync.set('since', '1970-01-01T00:00:00Z');
	$('url-json').href = $('url-json').textContent = `${base}v1/listing${q ? '?' + q : ''}`;
	$('url-atom').href = $('url-atom').textContent = `${base}v1/feed.atom${q ? '?' + q : ''}`;
	$('url-changes').href = $('url-changes').textContent = `${base}v1/changes?${sync}`;
	try {
		const res = await api('/v1/listing', {...s, per_page: 1});
		$('scope-count').textContent = `Phạm vi này có ${res.total.toLocaleString('vi-VN')} văn bản.`;
	} catch (e) {
		$('scope-count').textContent = `Phạm vi chưa hợp lệ: ${e.message}`;
	}
	clearTimeout(previewTimer);
	previewTimer = setTimeout(() => {
		const preview = clear($('preview'));
		const tag = document.createElement('script');
		tag.src = `${base}embed.js`;
		for (const [k, v] of Object.entries(a)) tag.setAttribute(`data-${k}`, v);
		preview.append(tag);
	}, 250);
}

async function copy(id, button) {
	const area = $(id);
	try {
		await navigator.clipboard.writeText(area.value);
	} catch (e) {
		area.select();
		document.execCommand('copy');
	}
	$('copy-status').textContent = 'Đã sao chép đoạn mã.';
	button.focus();
}

async function init() {
	initHeader();
	let res = {facets: {}, items: []};
	try {
		res = await api('/v1/listing', {facets: 1, per_page: 100});
	} catch (e) {
		$('scope-count').textContent = e.message;
	}
	for (const it of res.items || []) learnNames(it);
	const f = res.facets || {};
	const counted = (facet, key) => Object.entries(f[facet] || {}).map(([v, n]) => [v, label(key, v), n]);
	// every province, those with documents first
	const provinces = counted('province', 'province');
	for (const [slug, name] of Object.entries(PROVINCES))
		if (!(f.province || {})[slug]) provinces.push([slug, name]);
	fill($('portal-form').province, provinces);
	const types = counted('type', 'type');
	for (const [slug, name] of Object.entries(TYPES)) if (!(f.type || {})[slug]) types.push([slug, name]);
	fill($('portal-form').type, types);
	fill($('portal-form').issuer, counted('issuer', 'issuer'));
	fill($('portal-form').field, counted('field', 'field'));
	fill($('portal-form').status, Object.entries(VALIDITY).map(([slug, [name]]) => [slug, name, (f.validity || {})[slug]]));
	// a scope given in the URL (portal.html?province=ha-tinh) is chosen
	const given = new URLSearchParams(location.search);
	for (const k of [...SCOPE, 'title']) if (given.get(k)) $('portal-form')[k].value = given.get(k);
	$('portal-form').addEventListener('input', update);
	$('portal-form').addEventListener('submit', (ev) => ev.preventDefault());
	$('copy-script').addEventListener('click', (ev) => copy('snippet-script', ev.currentTarget));
	$('copy-iframe').addEventListener('click', (ev) => copy('snippet-iframe', ev.currentTarget));
	update();
}

init();
