/* model.c - names, slugs and lookups of the model's enums, and provision
 * paths (corpus.h). */
#include "corpus-private.h"

#include <ctype.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

typedef struct type_info {
	const char *name;   /* display name */
	const char *slug;   /* filter slug */
	const char *abbrev; /* abbreviation in numbers, "" if none */
} type_info;

static const type_info type_infos[TC_TYPE_COUNT] = {
        [TC_TYPE_UNKNOWN] = {"Không xác định", "khong-xac-dinh", ""},
        [TC_TYPE_HIEN_PHAP] = {"Hiến pháp", "hien-phap", ""},
        [TC_TYPE_BO_LUAT] = {"Bộ luật", "bo-luat", ""},
        [TC_TYPE_LUAT] = {"Luật", "luat", ""},
        [TC_TYPE_PHAP_LENH] = {"Pháp lệnh", "phap-lenh", "PL"},
        [TC_TYPE_LENH] = {"Lệnh", "lenh", "L"},
        [TC_TYPE_NGHI_QUYET] = {"Nghị quyết", "nghi-quyet", "NQ"},
        [TC_TYPE_NGHI_QUYET_LT] = {"Nghị quyết liên tịch", "nghi-quyet-lien-tich", "NQLT"},
        [TC_TYPE_NGHI_DINH] = {"Nghị định", "nghi-dinh", "NĐ"},
        [TC_TYPE_QUYET_DINH] = {"Quyết định", "quyet-dinh", "QĐ"},
        [TC_TYPE_CHI_THI] = {"Chỉ thị", "chi-thi", "CT"},
        [TC_TYPE_THONG_TU] = {"Thông tư", "thong-tu", "TT"},
        [TC_TYPE_THONG_TU_LT] = {"Thông tư liên tịch", "thong-tu-lien-tich", "TTLT"},
        [TC_TYPE_VBHN] = {"Văn bản hợp nhất", "van-ban-hop-nhat", "VBHN"},
        [TC_TYPE_KE_HOACH] = {"Kế hoạch", "ke-hoach", "KH"},
        [TC_TYPE_CONG_VAN] = {"Công văn", "cong-van", ""},
        [TC_TYPE_CONG_DIEN] = {"Công điện", "cong-dien", "CĐ"},
        [TC_TYPE_THONG_BAO] = {"Thông báo", "thong-bao", "TB"},
        [TC_TYPE_HUONG_DAN] = {"Hướng dẫn", "huong-dan", "HD"},
        [TC_TYPE_SAC_LENH] = {"Sắc lệnh", "sac-lenh", "SL"},
        [TC_TYPE_OTHER] = {"Khác", "khac", ""},
};

/* Extra spellings, as folding keys (see fold_key): lowercase, no marks,
 * đ → d, letters and digits only. */
static const struct {
	const char *key;
	tc_doc_type type;
} type_aliases[] = {
        {"hp", TC_TYPE_HIEN_PHAP},
        {"bl", TC_TYPE_BO_LUAT},
        {"lq", TC_TYPE_LUAT},
        {"luatso", TC_TYPE_LUAT},
        {"nl", TC_TYPE_NGHI_QUYET_LT}, /* pháp điển code for nghị quyết liên tịch */
        {"nqlientich", TC_TYPE_NGHI_QUYET_LT},
        {"tl", TC_TYPE_THONG_TU_LT}, /* pháp điển code for thông tư liên tịch */
        {"ttlientich", TC_TYPE_THONG_TU_LT},
        {"thongtulientich", TC_TYPE_THONG_TU_LT},
        {"vanbanhopnhat", TC_TYPE_VBHN},
        {"vbhopnhat", TC_TYPE_VBHN},
        {"qd", TC_TYPE_QUYET_DINH},
        {"nd", TC_TYPE_NGHI_DINH},
        {"cv", TC_TYPE_CONG_VAN},
        {"cd", TC_TYPE_CONG_DIEN},
        {"t", TC_TYPE_THONG_TU}, /* pháp điển code seen once for a thông tư */
        {"nghiquyetlientich", TC_TYPE_NGHI_QUYET_LT},
        {"nghidinhso", TC_TYPE_NGHI_DINH},
};

static const struct {
	const char *name;
	const char *slug;
} validity_infos[TC_VALIDITY_COUNT] = {
        [TC_VALIDITY_UNKNOWN] = {"Không xác định", "khong-xac-dinh"},
        [TC_VALIDITY_IN_FORCE] = {"Còn hiệu lực", "con-hieu-luc"},
        [TC_VALIDITY_EXPIRED] = {"Hết hiệu lực toàn bộ", "het-hieu-luc"},
        [TC_VALIDITY_PARTLY_EXPIRED] = {"Hết hiệu lực một phần", "het-hieu-luc-mot-phan"},
        [TC_VALIDITY_NOT_YET] = {"Chưa có hiệu lực", "chua-co-hieu-luc"},
        [TC_VALIDITY_SUSPENDED] = {"Ngưng hiệu lực", "ngung-hieu-luc"},
        [TC_VALIDITY_PARTLY_SUSPENDED] = {"Ngưng hiệu lực một phần", "ngung-hieu-luc-mot-phan"},
        [TC_VALIDITY_OUTDATED] = {"Không còn phù hợp", "khong-con-phu-hop"},
};

static const struct {
	const char *key;
	tc_validity validity;
} validity_aliases[] = {
        {"hethieuluctoanbo", TC_VALIDITY_EXPIRED},     {"hethieuluc", TC_VALIDITY_EXPIRED},
        {"conhieuluc", TC_VALIDITY_IN_FORCE},          {"dangconhieuluc", TC_VALIDITY_IN_FORCE},
        {"cohieuluc", TC_VALIDITY_IN_FORCE},           {"chuaconhieuluc", TC_VALIDITY_NOT_YET},
        {"ngunghieuluctoanbo", TC_VALIDITY_SUSPENDED}, {"tamngunghieuluc", TC_VALIDITY_SUSPENDED},
        {"khongconphuhop", TC_VALIDITY_OUTDATED},      {"khongxacdinh", TC_VALIDITY_UNKNOWN},
};

/* The folding key of a name: NFD, combining marks dropped, đ/Đ/ð/Ð → d,
 * ASCII lowercase, everything but letters and digits dropped. Writes at most
 * CAP-1 bytes into KEY; returns 0, or -1 when the name is not valid text or
 * too long to be a name. */
static int fold_key(const char *name, char *key, size_t cap)
{
	UChar src[256], nfd[512];
	int32_t src_len = 0, nfd_len;
	UErrorCode status = U_ZERO_ERROR;
	u_strFromUTF8Lenient(src, 256, &src_len, name, -1, &status);
	if (U_FAILURE(status) || src_len >= 256)
		return -1;
	const UNormalizer2 *norm = unorm2_getNFDInstance(&status);
	if (U_FAILURE(status))
		return -1;
	nfd_len = unorm2_normalize(norm, src, src_len, nfd, 512, &status);
	if (U_FAILURE(status))
		return -1;
	size_t n = 0;
	for (int32_t i = 0; i < nfd_len && n + 1 < cap; i++) {
		UChar c = nfd[i];
		if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0)
			c = 'd';
		if (c >= 0x80)
			continue; /* marks and anything non-Latin */
		if (isalnum(c))
			key[n++] = (char)tolower(c);
	}
	key[n] = '\0';
	return 0;
}

const char *tc_doc_type_name(tc_doc_type type)
{
	return (unsigned)type < TC_TYPE_COUNT ? type_infos[type].name : type_infos[TC_TYPE_UNKNOWN].name;
}

const char *tc_doc_type_slug(tc_doc_type type)
{
	return (unsigned)type < TC_TYPE_COUNT ? type_infos[type].slug : type_infos[TC_TYPE_UNKNOWN].slug;
}

const char *tc_doc_type_abbrev(tc_doc_type type)
{
	return (unsigned)type < TC_TYPE_COUNT ? type_infos[type].abbrev : "";
}

tc_doc_type tc_doc_type_from_name(const char *name)
{
	char key[128], probe[128];
	if (!name || fold_key(name, key, sizeof key) < 0 || !key[0])
		return TC_TYPE_UNKNOWN;
	for (int t = 1; t < TC_TYPE_COUNT; t++) {
		if (fold_key(type_infos[t].name, probe, sizeof probe) == 0 && !strcmp(key, probe))
			return (tc_doc_type)t;
		if (fold_key(type_infos[t].abbrev, probe, sizeof probe) == 0 && probe[0] &&
		    !strcmp(key, probe))
			return (tc_doc_type)t;
	}
	for (size_t k = 0; k < sizeof type_aliases / sizeof type_aliases[0]; k++)
		if (!strcmp(key, type_aliases[k].key))
			return type_aliases[k].type;
	/* the slug itself ("nghi-dinh") folds to the name's key, done above */
	return TC_TYPE_UNKNOWN;
}

const char *tc_validity_name(tc_validity validity)
{
	return (unsigned)validity < TC_VALIDITY_COUNT ? validity_infos[validity].name
	                                              : validity_infos[TC_VALIDITY_UNKNOWN].name;
}

const char *tc_validity_slug(tc_validity validity)
{
	return (unsigned)validity < TC_VALIDITY_COUNT ? validity_infos[validity].slug
	                                              : validity_infos[TC_VALIDITY_UNKNOWN].slug;
}

tc_validity tc_validity_from_name(const char *name)
{
	char key[128], probe[128];
	if (!name || fold_key(name, key, sizeof key) < 0 || !key[0])
		return TC_VALIDITY_UNKNOWN;
	for (int v = 0; v < TC_VALIDITY_COUNT; v++) {
		if (fold_key(validity_infos[v].name, probe, sizeof probe) == 0 && !strcmp(key, probe))
			return (tc_validity)v;
		if (fold_key(validity_infos[v].slug, probe, sizeof probe) == 0 && !strcmp(key, probe))
			return (tc_validity)v;
	}
	for (size_t k = 0; k < sizeof validity_aliases / sizeof validity_aliases[0]; k++)
		if (!strcmp(key, validity_aliases[k].key))
			return validity_aliases[k].validity;
	return TC_VALIDITY_UNKNOWN;
}

int tc_date_valid(tc_date date)
{
	static const unsigned char days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	unsigned year = date / 10000, month = date / 100 % 100, day = date % 100;
	if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days[month - 1])
		return 0;
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month != 2 || day < 29 || leap;
}

const char *tc_problem_kind_name(tc_problem_kind kind)
{
	static const char *const names[TC_PROBLEM_KIND_COUNT] = {
	        [TC_PROBLEM_IO] = "io",
	        [TC_PROBLEM_ZSTD] = "zstd",
	        [TC_PROBLEM_ENCODING] = "encoding",
	        [TC_PROBLEM_SYNTAX] = "syntax",
	        [TC_PROBLEM_NO_HEADER] = "no-header",
	        [TC_PROBLEM_NO_BODY] = "no-body",
	        [TC_PROBLEM_NO_TEXT_LAYER] = "no-text-layer",
	        [TC_PROBLEM_MISSING_FIELD] = "missing-field",
	        [TC_PROBLEM_BINARY] = "binary",
	        [TC_PROBLEM_NOTE] = "note",
	        [TC_PROBLEM_DUPLICATE] = "duplicate",
	        [TC_PROBLEM_OTHER] = "other",
	};
	return (unsigned)kind < TC_PROBLEM_KIND_COUNT ? names[kind] : "other";
}

const char *tc_node_kind_name(tc_node_kind kind)
{
	static const char *const names[TC_NODE_KIND_COUNT] = {
	        [TC_NODE_ROOT] = "root",
	        [TC_NODE_PART] = "part",
	        [TC_NODE_CHAPTER] = "chapter",
	        [TC_NODE_SECTION] = "section",
	        [TC_NODE_SUBSECTION] = "subsection",
	        [TC_NODE_ARTICLE] = "article",
	        [TC_NODE_CLAUSE] = "clause",
	        [TC_NODE_POINT] = "point",
	        [TC_NODE_ANNEX] = "annex",
	        [TC_NODE_NOTE] = "note",
	};
	return (unsigned)kind < TC_NODE_KIND_COUNT ? names[kind] : "root";
}

tc_node_kind tc_node_kind_from_name(const char *name)
{
	for (int k = 0; k < TC_NODE_KIND_COUNT; k++)
		if (name && !strcmp(name, tc_node_kind_name((tc_node_kind)k)))
			return (tc_node_kind)k;
	return TC_NODE_KIND_COUNT;
}

const char *tc_source_relation_name(tc_source_relation relation)
{
	switch (relation) {
	case TC_SOURCE_ORIGINAL: return "original";
	case TC_SOURCE_AMENDED_BY: return "amended-by";
	case TC_SOURCE_REPEALED_BY: return "repealed-by";
	case TC_SOURCE_OTHER: return "other";
	}
	return "other";
}

const char *tc_record_kind_name(tc_record_kind kind)
{
	switch (kind) {
	case TC_RECORD_DOCUMENT: return "document";
	case TC_RECORD_CODIFIED: return "codified";
	case TC_RECORD_SOURCE_DOC: return "source-doc";
	}
	return "document";
}

const char *tc_scope_name(tc_scope scope)
{
	switch (scope) {
	case TC_SCOPE_UNKNOWN: return "unknown";
	case TC_SCOPE_CENTRAL: return "central";
	case TC_SCOPE_LOCAL: return "local";
	}
	return "unknown";
}

static const char *const field_source_names[TC_FROM_COUNT] = {"", "text", "note", "metadata", "label"};

const char *tc_field_source_name(tc_field_source source)
{
	return source >= 0 && source < TC_FROM_COUNT ? field_source_names[source] : "";
}

tc_field_source tc_field_source_from_name(const char *name)
{
	for (int i = 1; name && i < TC_FROM_COUNT; i++)
		if (!strcmp(name, field_source_names[i]))
			return (tc_field_source)i;
	return TC_FROM_NONE;
}

/* ---- provision paths ---- */

/* Append a number in path form: ASCII lowercased, Đ → đ, spaces → "-",
 * "/" (which would split the path) → "-". */
static int append_path_number(tc_buf *out, const char *number)
{
	for (const unsigned char *p = (const unsigned char *)number; *p; p++) {
		if (p[0] == 0xC4 && p[1] == 0x90) { /* Đ */
			if (tc_buf_append(out, "\xC4\x91", 2) < 0)
				return -1;
			p++;
			continue;
		}
		char c = (char)*p;
		if (c == ' ' || c == '/' || c == '\t' || c == '\n')
			c = '-';
		else if (*p < 0x80)
			c = (char)tolower(*p);
		if (tc_buf_append_char(out, c) < 0)
			return -1;
	}
	return 0;
}

/* 1-based position of NODE among its siblings of the same kind. */
static long sibling_ordinal(const tc_node *node)
{
	long n = 1;
	if (!node->parent)
		return 1;
	for (const tc_node *s = node->parent->first_child; s && s != node; s = s->next)
		if (s->kind == node->kind)
			n++;
	return n;
}

static int append_step(tc_buf *out, const char *prefix, const tc_node *node)
{
	if (tc_buf_append_char(out, '/') < 0 || tc_buf_append_str(out, prefix) < 0)
		return -1;
	if (node->number && node->number[0])
		return append_path_number(out, node->number);
	/* no number: the position among siblings of its kind, marked with "~"
	 * so that it cannot be confused with a real number */
	return tc_buf_printf(out, "~%ld", sibling_ordinal(node));
}

int tc_provision_path(const tc_record *record, const tc_node *node, tc_buf *out)
{
	const tc_node *chain[64];
	size_t depth = 0;
	tc_buf_reset(out);
	if (tc_buf_append_str(out, record && record->id ? record->id : "") < 0)
		return -1;
	if (!node)
		return 0;
	for (const tc_node *n = node; n && depth < 64; n = n->parent)
		chain[depth++] = n;
	/* Levels above the article (Phần, Chương, Mục, Tiểu mục) appear only
	 * when the node has no article above it, i.e. it is one of them. */
	int below_article = 0;
	for (size_t k = 0; k < depth; k++)
		if (chain[k]->kind == TC_NODE_ARTICLE || chain[k]->kind == TC_NODE_ANNEX)
			below_article = 1;
	for (size_t k = depth; k-- > 0;) {
		const tc_node *n = chain[k];
		int rc = 0;
		switch (n->kind) {
		case TC_NODE_ROOT: break;
		case TC_NODE_PART:
			if (!below_article)
				rc = append_step(out, "p", n);
			break;
		case TC_NODE_CHAPTER:
			if (!below_article)
				rc = append_step(out, "c", n);
			break;
		case TC_NODE_SECTION:
			if (!below_article)
				rc = append_step(out, "m", n);
			break;
		case TC_NODE_SUBSECTION:
			if (!below_article)
				rc = append_step(out, "tm", n);
			break;
		case TC_NODE_ARTICLE:
			/* a codified article is the record itself: its id names it */
			if (!(record && record->kind == TC_RECORD_CODIFIED && !n->parent))
				rc = append_step(out, "d", n);
			break;
		case TC_NODE_CLAUSE: rc = append_step(out, "k", n); break;
		case TC_NODE_POINT: rc = append_step(out, "", n); break;
		case TC_NODE_ANNEX: rc = append_step(out, "pl", n); break;
		case TC_NODE_NOTE: rc = append_step(out, "n", n); break;
		case TC_NODE_KIND_COUNT: break;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

typedef struct path_set {
	const char **v;
	size_t cap, count;
} path_set;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int path_seen(path_set *set, const char *path)
{
	if (set->count * 2 >= set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 256;
		const char **v = tc_calloc(cap, sizeof *v);
		if (!v)
			return -1;
		for (size_t i = 0; i < set->cap; i++)
			if (set->v[i]) {
				size_t k = hash_str(set->v[i]) & (cap - 1);
				while (v[k])
					k = (k + 1) & (cap - 1);
				v[k] = set->v[i];
			}
		tc_free(set->v);
		set->v = v;
		set->cap = cap;
	}
	size_t k = hash_str(path) & (set->cap - 1);
	while (set->v[k]) {
		if (strcmp(set->v[k], path) == 0)
			return 1;
		k = (k + 1) & (set->cap - 1);
	}
	set->v[k] = path;
	set->count++;
	return 0;
}

/* Paths by tc_provision_path for the nodes that have none; a path that
 * repeats inside one record (a broken text numbering two articles alike, a
 * regulation's restarted numbering outside an annex, a point letter used
 * twice in one clause) gets "~2", "~3" appended, so that every node's path,
 * and so every index entry's id, is unique. */
int tc__record_assign_paths(tc_arena *arena, tc_record *record)
{
	if (!record->body)
		return 0;
	path_set set = {0};
	tc_buf b = {0};
	int rc = 0;
	for (tc_node *n = record->body; n && !rc;) {
		const char *path = n->path;
		if (!path) {
			if (tc_provision_path(record, n, &b) < 0) {
				rc = -1;
				break;
			}
			path = tc_arena_strndup(arena, b.data ? b.data : "", b.len);
		}
		const char *base = path;
		int seen = path ? path_seen(&set, path) : -1;
		for (int dupno = 2; seen == 1; dupno++) {
			path = tc_arena_printf(arena, "%s~%d", base, dupno);
			seen = path ? path_seen(&set, path) : -1;
		}
		if (seen < 0) {
			rc = -1;
			break;
		}
		n->path = path;
		if (n->first_child)
			n = n->first_child;
		else {
			while (n && !n->next)
				n = n->parent;
			if (n)
				n = n->next;
		}
	}
	tc_free(set.v);
	tc_buf_free(&b);
	return rc;
}

/* Copies for tc_record_copy: NULL stays NULL; *FAILED set when ARENA is
 * out of memory. */
static const char *copy_str(tc_arena *arena, const char *s, int *failed)
{
	if (!s)
		return NULL;
	char *c = tc_arena_strdup(arena, s);
	*failed |= !c;
	return c;
}

static tc_node *copy_tree(tc_arena *arena, const tc_node *node, tc_node *parent, int *failed)
{
	tc_node *c = tc_arena_calloc(arena, sizeof *c);
	if (!c) {
		*failed = 1;
		return NULL;
	}
	c->kind = node->kind;
	c->number = copy_str(arena, node->number, failed);
	c->heading = copy_str(arena, node->heading, failed);
	c->text = copy_str(arena, node->text, failed);
	c->path = copy_str(arena, node->path, failed);
	c->parent = parent;
	for (const tc_node *child = node->first_child; child && !*failed; child = child->next) {
		tc_node *cc = copy_tree(arena, child, c, failed);
		if (cc)
			tc_node_append(c, cc);
	}
	return c;
}

tc_record *tc_record_copy(tc_arena *arena, const tc_record *r)
{
	int failed = 0;
	tc_record *c = tc_arena_alloc(arena, sizeof *c);
	if (!c)
		return NULL;
	*c = *r;
	const char **strs[] = {&c->id,       &c->former_id, &c->source_name, &c->source_path, &c->doc_number,
	                       &c->type_name, &c->issuer,   &c->province,    &c->signer,      &c->place,
	                       &c->field,     &c->title,    &c->source_url,  &c->consolidates};
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
		*strs[i] = copy_str(arena, *strs[i], &failed);
	c->body = r->body ? copy_tree(arena, r->body, NULL, &failed) : NULL;
	if (r->codified) {
		const tc_codified *from = r->codified;
		tc_codified *to = tc_arena_alloc(arena, sizeof *to);
		c->codified = to;
		if (!to)
			return NULL;
		*to = *from;
		const char **cs[] = {&to->chude_number, &to->chude_name, &to->demuc_id, &to->demuc_number,
		                     &to->demuc_name,   &to->chapter,    &to->article_number, &to->anchor, &to->note};
		for (size_t i = 0; i < sizeof cs / sizeof *cs; i++)
			*cs[i] = copy_str(arena, *cs[i], &failed);
		to->sources = from->source_count ? tc_arena_alloc(arena, from->source_count * sizeof *to->sources) : NULL;
		to->cross_refs =
		        from->cross_ref_count ? tc_arena_alloc(arena, from->cross_ref_count * sizeof *to->cross_refs) : NULL;
		if ((from->source_count && !to->sources) || (from->cross_ref_count && !to->cross_refs))
			return NULL;
		for (size_t i = 0; i < from->source_count; i++) {
			tc_source_link *l = &to->sources[i];
			*l = from->sources[i];
			const char **ls[] = {&l->article, &l->doc_number, &l->doc_title, &l->issuer, &l->vbpl_item_id, &l->url};
			for (size_t j = 0; j < sizeof ls / sizeof *ls; j++)
				*ls[j] = copy_str(arena, *ls[j], &failed);
		}
		for (size_t i = 0; i < from->cross_ref_count; i++) {
			tc_cross_ref *x = &to->cross_refs[i];
			*x = from->cross_refs[i];
			x->label = copy_str(arena, x->label, &failed);
			x->anchor = copy_str(arena, x->anchor, &failed);
			x->url = copy_str(arena, x->url, &failed);
		}
	}
	return failed ? NULL : c;
}

void tc_node_append(tc_node *parent, tc_node *node)
{
	node->parent = parent;
	if (parent->last_child)
		parent->last_child->next = node;
	else
		parent->first_child = node;
	parent->last_child = node;
}

/* The length of a clause number opening LINE ("12. "), or 0. */
static size_t clause_marker(const char *line)
{
	size_t digits = strspn(line, "0123456789");
	return digits && digits < 4 && line[digits] == '.' && line[digits + 1] == ' ' ? digits : 0;
}

/* The length of a point letter opening LINE ("a) ", "đ) "), or 0. */
static size_t point_marker(const char *line)
{
	size_t n = !strncmp(line, "đ", strlen("đ")) ? strlen("đ") : *line >= 'a' && *line <= 'z' ? 1 : 0;
	return n && line[n] == ')' && line[n + 1] == ' ' ? n : 0;
}

/* Split NODE's text at the lines that MARKER recognizes into children of
 * KIND; NODE keeps the text before the first of them. */
static int split_parts(tc_arena *arena, tc_node *node, tc_node_kind kind, size_t (*marker)(const char *))
{
	const char *text = node->text, *p = text, *own_end = NULL;
	tc_node *part = NULL;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = marker(p);
		if (n) {
			if (!own_end)
				own_end = p;
			if (part && !(part->text = tc_arena_strndup(arena, part->text, (size_t)(p - part->text))))
				return -1;
			if (!(part = tc_arena_calloc(arena, sizeof *part)) ||
			    !(part->number = tc_arena_strndup(arena, p, n)))
				return -1;
			part->kind = kind;
			part->text = p;
			tc_node_append(node, part);
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	if (!part)
		return 0;
	part->text = tc_arena_strdup(arena, part->text);
	node->text = tc_arena_strndup(arena, text, (size_t)(own_end - text));
	return part->text && node->text ? 0 : -1;
}

int tc_split_article(tc_arena *arena, tc_node *article)
{
	if (split_parts(arena, article, TC_NODE_CLAUSE, clause_marker) < 0)
		return -1;
	for (tc_node *clause = article->first_child; clause; clause = clause->next)
		if (clause->kind == TC_NODE_CLAUSE && split_parts(arena, clause, TC_NODE_POINT, point_marker) < 0)
			return -1;
	return 0;
}
