/* embed.js - tracuu's listing on another site (a provincial or ministry
 * portal: Nghị định 52/2015/NĐ-CP has each of them show its documents).
 *
 *   <script src="https://HOST/embed.js" data-province="bac-ninh" data-type="quyet-dinh"
 *           data-title="Văn bản của tỉnh" data-per-page="10"></script>
 *
 * renders, where the tag stands (or into the element data-target names),
 * the scope's documents newest first with a search box that searches
 * within the scope. Scope attributes: data-province, data-type,
 * data-issuer, data-field, data-status, data-year, data-since (a day);
 * also data-title, data-per-page (1-50), data-search="0" (no search box),
 * data-link-target ("_blank", "_top"). embed.html?province=… is the same in
 * an <iframe>.
 *
 * It defines no global name (one function scope), reads nothing of the
 * page, calls the API with GET only, and styles itself with zero-
 * specificity rules (:where) that any rule of the host page overrides; the
 * custom properties --tracuu-accent, --tracuu-border, --tracuu-muted set
 * its colours. */
(function () {
	'use strict';
	var script = document.currentScript;
	if (!script || !script.src) return;
	var base = script.src.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
	var fromLocation = script.hasAttribute('data-from-location');
	var query = fromLocation ? new URLSearchParams(window.location.search) : null;
	function option(name) {
		var v = fromLocation ? query.get(name) : script.getAttribute('data-' + name);
		return v === null ? '' : String(v).trim();
	}

	var SCOPE = ['province', 'type', 'issuer', 'field', 'status', 'year'];
	var scope = {};
	SCOPE.forEach(function (k) {
		if (option(k)) scope[k] = option(k);
	});
	var since = option('since');
	var perPage = Math.min(50, Math.max(1, parseInt(option('per-page'), 10) || 10));
	var title = option('title') || 'Văn bản pháp luật';
	var withSearch = option('search') !== '0';
	var linkTarget = option('link-target') || (fromLocation ? '_top' : '');

	var CSS =
		':where(.tracuu-embed){--tracuu-accent:#0a4fb5;--tracuu-border:#d0d4d9;--tracuu-muted:#4a4a4a;' +
		'display:block;box-sizing:border-box;max-width:100%;border:1px solid var(--tracuu-border);' +
		'border-radius:6px;padding:12px 14px;line-height:1.45;text-align:left}' +
		':where(.tracuu-embed) *{box-sizing:border-box}' +
		':where(.tracuu-embed) :where(.tracuu-title){font-size:1.15em;font-weight:700;margin:0 0 8px}' +
		':where(.tracuu-embed) :where(form){display:flex;gap:6px;margin:0 0 8px;flex-wrap:wrap}' +
		':where(.tracuu-embed) :where(input){flex:1 1 12em;min-width:0;font:inherit;padding:5px 8px;' +
		'border:1px solid #767676;border-radius:4px}' +
		':where(.tracuu-embed) :where(button){font:inherit;padding:5px 12px;border:1px solid var(--tracuu-accent);' +
		'background:var(--tracuu-accent);color:#fff;border-radius:4px;cursor:pointer}' +
		':where(.tracuu-embed) :where(button[disabled]){opacity:.5;cursor:default}' +
		':where(.tracuu-embed) :where(.tracuu-pager button){background:#fff;color:var(--tracuu-accent)}' +
		':where(.tracuu-embed) :where(ol){list-style:none;margin:0;padding:0}' +
		':where(.tracuu-embed) :where(li){padding:7px 0;border-top:1px solid var(--tracuu-border)}' +
		':where(.tracuu-embed) :where(a){color:var(--tracuu-accent)}' +
		':where(.tracuu-embed) :where(.tracuu-meta,.tracuu-count){font-size:.875em;color:var(--tracuu-muted);margin:0}' +
		':where(.tracuu-embed) :where(.tracuu-pager){display:flex;gap:8px;align-items:center;margin-top:8px;' +
		'font-size:.9em}' +
		':where(.tracuu-embed) :where(.tracuu-sr){position:absolute;width:1px;height:1px;overflow:hidden;' +
		'clip:rect(0 0 0 0);white-space:nowrap}' +
		':where(.tracuu-embed) :where(.tracuu-error){color:#7d1a24}' +
		':where(.tracuu-embed) :where([hidden]){display:none}';

	if (!document.querySelector('style[data-tracuu-embed]')) {
		var style = document.createElement('style');
		style.setAttribute('data-tracuu-embed', '');
		style.textContent = CSS;
		(document.head || document.documentElement).appendChild(style);
	}

	function make(tag, attrs, text) {
		var node = document.createElement(tag);
		Object.keys(attrs || {}).forEach(function (k) {
			if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
		});
		if (text !== undefined) node.textContent = text;
		return node;
	}

	var uid = 'tracuu-' + Math.random().toString(36).slice(2, 9);
	var root = make('section', {class: 'tracuu-embed', lang: 'vi', 'aria-labelledby': uid + '-title'});
	root.appendChild(make('p', {class: 'tracuu-title', id: uid + '-title'}, title));
	var input = null;
	var form = null;
	if (withSearch) {
		form = make('form', {role: 'search'});
		form.appendChild(make('label', {for: uid + '-q', class: 'tracuu-sr'}, 'Tìm trong ' + title));
		input = make('input', {id: uid + '-q', type: 'search', placeholder: 'Tìm văn bản…', autocomplete: 'off'});
		form.appendChild(input);
		form.appendChild(make('button', {type: 'submit'}, 'Tìm'));
		root.appendChild(form);
	}
	var count = make('p', {class: 'tracuu-count', role: 'status', 'aria-live': 'polite'});
	var list = make('ol');
	var pager = make('div', {class: 'tracuu-pager'});
	var prev = make('button', {type: 'button'}, '‹ Trước');
	var pageInfo = make('span');
	var next = make('button', {type: 'button'}, 'Sau ›');
	pager.appendChild(prev);
	pager.appendChild(pageInfo);
	pager.appendChild(next);
	root.appendChild(count);
	root.appendChild(list);
	root.appendChild(pager);

	var target = option('target') && document.querySelector(option('target'));
	if (target) target.appendChild(root);
	else script.parentNode.insertBefore(root, script.nextSibling);

	var state = {q: '', page: 1};
	var seq = 0;

	function url(path, params) {
		var u = new URL(path, base);
		Object.keys(params).forEach(function (k) {
			if (params[k] !== '' && params[k] !== undefined) u.searchParams.set(k, params[k]);
		});
		return u.href;
	}

	function date(iso) {
		var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
		return m ? m[3] + '/' + m[2] + '/' + m[1] : '';
	}

	function load() {
		var mine = ++seq;
		var params = {page: state.page, per_page: perPage};
		SCOPE.forEach(function (k) {
			params[k] = scope[k];
		});
		var path;
		if (state.q) {
			path = 'v1/search';
			params.q = state.q;
			params['in'] = 'docs';
			if (since) params.issued = since + '..';
		} else {
			path = 'v1/listing';
			params.since = since;
		}
		root.setAttribute('aria-busy', 'true');
		fetch(url(path, params), {method: 'GET', credentials: 'omit', headers: {Accept: 'application/json'}})
			.then(function (res) {
				return res.json().then(function (body) {
					if (!res.ok) throw new Error((body && body.detail) || 'HTTP ' + res.status);
					return body;
				});
			})
			.then(function (body) {
				if (mine === seq) show(body.items || body.hits || [], body.total || 0);
			})
			.catch(function (e) {
				if (mine !== seq) return;
				while (list.firstChild) list.removeChild(list.firstChild);
				count.className = 'tracuu-count tracuu-error';
				count.textContent = 'Không tải được danh sách: ' + e.message;
			})
			.then(function () {
				root.removeAttribute('aria-busy');
			});
	}

	function show(items, total) {
		while (list.firstChild) list.removeChild(list.firstChild);
		count.className = 'tracuu-count';
		count.textContent = total
			? total.toLocaleString('vi-VN') + ' văn bản' + (state.q ? ' có “' + state.q + '”' : '')
			: state.q ? 'Không có văn bản nào có “' + state.q + '”.' : 'Chưa có văn bản.';
		items.forEach(function (it) {
			var li = make('li');
			var a = make('a', {href: base + 'doc.html?id=' + encodeURIComponent(it.id).replace(/%2F/g, '/'),
				target: linkTarget || null, rel: linkTarget === '_blank' ? 'noopener' : null},
				(it.doc_number ? it.doc_number + ' — ' : '') + (it.title || it.id));
			li.appendChild(a);
			var meta = [it.type, it.issuer, it.issue_date ? 'ban hành ' + date(it.issue_date) : '']
				.filter(Boolean).join(' · ');
			if (meta) li.appendChild(make('p', {class: 'tracuu-meta'}, meta));
			list.appendChild(li);
		});
		var pages = Math.max(1, Math.ceil(Math.min(total, 1000) / perPage));
		pageInfo.textContent = 'Trang ' + state.page + '/' + pages;
		prev.disabled = state.page <= 1;
		next.disabled = state.page >= pages;
		pager.hidden = pages <= 1;
	}

	prev.addEventListener('click', function () {
		if (state.page > 1) {
			state.page--;
			load();
		}
	});
	next.addEventListener('click', function () {
		state.page++;
		load();
	});
	if (form)
		form.addEventListener('submit', function (ev) {
			ev.preventDefault();
			state.q = input.value.trim();
			state.page = 1;
			load();
		});
	load();
})();
