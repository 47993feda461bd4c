/*
 * places.c - the codes intake answers may use for places: USPS codes of US
 * states, DC and territories, and ISO 3166-1 alpha-2 country codes.
 */
#include "library/lib.h"

/* Two-letter codes, packed: each code is at an even offset. */
static const char us_states[] =
	"ALAKAZARCACOCTDEFLGAHIIDILINIAKSKYLAMEMDMAMIMNMSMOMTNENVNHNJNMNYNCNDOHOKORPARISC"
	"SDTNTXUTVTVAWAWVWIWY" /* the 50 states */
	"DC" "PRGUVIASMP";     /* DC and the inhabited territories */

/* ISO 3166-1 alpha-2, officially assigned codes (249). */
static const char countries[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCD"
	"CFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGF"
	"GGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN"
	"KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA"
	"NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI"
	"SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI"
	"VNVUWFWSYEYTZAZMZW";

static bool
in_packed(const char *packed, const char *code)
{
	if (!code || strlen(code) != 2)
		return false;
	for (const char *p = packed; p[0] && p[1]; p += 2)
		if (p[0] == code[0] && p[1] == code[1])
			return true;
	return false;
}

bool
lib_us_state_valid(const char *code)
{
	return in_packed(us_states, code);
}

bool
lib_country_valid(const char *code)
{
	return in_packed(countries, code);
}
