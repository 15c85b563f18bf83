import type { SafetyCategory, SafetySeverity } from './types.ts';

/**
 * The built-in screen's patterns (docs/SAFETY.md has the rubric). Each is matched against the text
 * lower-cased, with curly apostrophes made straight and runs of spaces made one. `unless`, when it
 * matches anywhere in the text, silences the rule: it names the ordinary meanings a phrase also has.
 */
export interface SafetyRule {
  id: string;
  category: SafetyCategory;
  severity: SafetySeverity;
  pattern: RegExp;
  unless?: RegExp;
}

// first person wanting, planning or about to: "i want to", "i'm going to", "i'll", "i feel like"
const I_INTEND = String.raw`\bi\s*(?:'ll|will|'m\s+going\s+to|am\s+going\s+to|'m\s+gonna|m\s+gonna|am\s+gonna|gonna|want\s+to|wanna|wish\s+i\s+could|feel\s+like|'m\s+thinking\s+of|am\s+thinking\s+of|'m\s+about\s+to|am\s+about\s+to|plan\s+to|might|just\s+want\s+to|really\s+want\s+to)`;
// someone a threat is aimed at
const A_PERSON = String.raw`(?:him|her|you|u|them|everyone|everybody|people|my\s+(?:brother|sister|teacher|dad|father|mom|mother|friend|classmate|cousin|neighbou?r)|th(?:e|at|is)\s+(?:teacher|boy|girl|guy|kid|kids|bully|class))\b`;
// Hindi first person: main, mai, mujhe …
const MAIN = String.raw`\b(?:main|mai|mein|mujhe|mujhko|mereko|mujh)\b`;

const r = (
  id: string,
  category: SafetyCategory,
  severity: SafetySeverity,
  pattern: string,
  unless?: string,
): SafetyRule => ({
  id,
  category,
  severity,
  pattern: new RegExp(pattern, 'u'),
  ...(unless ? { unless: new RegExp(unless, 'u') } : {}),
});

export const BUILT_IN_RULES: SafetyRule[] = [
  // self_harm, high: the child, in the first person, wants to die, plans it, asks how, or hurts themself on purpose
  r(
    'self_harm.en.kill_myself',
    'self_harm',
    'high',
    String.raw`\b(?:kill|killing|hang|hanging|drown|poison)\s+myself\b`,
    String.raw`\blaugh`,
  ),
  r(
    'self_harm.en.want_to_die',
    'self_harm',
    'high',
    String.raw`\bi\s+(?:just\s+|really\s+|kind\s+of\s+|kinda\s+)?(?:want|wanna|wish|need)\s+(?:to\s+)?(?:die|be\s+dead)\b|\bi\s+(?:sometimes\s+|just\s+|really\s+|often\s+)?wish\s+i\s+(?:was|were)\s+(?:dead|never\s+born)\b|\b(?:happier|better)\s+if\s+i\s+(?:was|were|am)\s+(?:dead|gone|not\s+here|not\s+around)\b|\b(?:want|wanna)\s+(?:to\s+)?stop\s+(?:living|breathing|existing)\b|\bi\s*(?:'m|am)\s+ready\s+to\s+die\b|\bi\s+wish\s+i\s+could\s+(?:just\s+)?die\b`,
  ),
  r(
    'self_harm.en.end_my_life',
    'self_harm',
    'high',
    String.raw`\b(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life\b|\b(?:end|ending)\s+it\s+all\b|\b(?:end|ending)\s+everything\b|\bend\s+(?:it|everything)\s+(?:tonight|today|now|forever)\b`,
  ),
  r(
    'self_harm.en.suicidal',
    'self_harm',
    'high',
    String.raw`\bi\s*(?:'m|am|m)?\s+(?:feel(?:ing)?\s+|so\s+|really\s+|very\s+|kind\s+of\s+|kinda\s+)*suicidal\b|\bi\s*(?:'m|am|m)?\s*(?:want|wanna|wish|will|'ll|going|gonna|might|tried|try|trying|think|thinking|thought|plan|planning|about)\b[^.!?]{0,25}\b(?:suicide|kms)\b|^\s*kms\b`,
  ),
  r(
    'self_harm.en.not_live',
    'self_harm',
    'high',
    String.raw`\bi\s+(?:don'?t|do\s+not|dont)\s+(?:want\s+to|wanna)\s+(?:live|be\s+alive|exist|wake\s+up)\b|\b(?:no|not\s+any|no\s+more)\s+reasons?\s+to\s+live\b|\b(?:i'?d|i\s+would)\s+be\s+better\s+off\s+dead\b|\bbetter\s+off\s+without\s+me\b|\b(?:no|don'?t\s+see\s+(?:the|any))\s+point\s+(?:of|in)\s+(?:living|being\s+alive)\b|\bwhat'?s\s+the\s+point\s+(?:of|in)\s+living\b|\bwant\s+(?:it\s+all|everything|my\s+life)\s+to\s+end\b|\bi\s*(?:'m|am)\s+not\s+going\s+to\s+be\s+(?:here|around|alive)\s+(?:anymore|much\s+longer|for\s+long)\b|\bi\s+won'?t\s+be\s+(?:here|around|alive)\s+(?:anymore|much\s+longer|for\s+long)\b`,
  ),
  r(
    'self_harm.en.self_injury',
    'self_harm',
    'high',
    String.raw`\bi\s*(?:'ve|have|'m|am)?\s*(?:been\s+)?(?:want(?:ed)?\s+to|wanna|feel\s+like|going\s+to|gonna|thinking\s+of|planning\s+to|will|keep|sometimes|started|often|still)\s+(?:cut(?:ting)?|hurt(?:ing)?|harm(?:ing)?|burn(?:ing)?|starv(?:e|ing)|punish(?:ing)?)\s+myself\b|\bi\s*(?:'ve|have)?\s*been\s+(?:cutting|hurting|harming|burning|starving)\s+myself\b|\b(?:cut(?:ting)?|hurt(?:ing)?|harm(?:ing)?|burn(?:ing)?)\s+myself\s+(?:on\s+purpose|deliberately|again|to\s+feel|when\s+i(?:'m|\s+am)\s+(?:sad|angry|upset))\b|\bi\s+(?:self[-\s]?harm|have\s+been\s+self[-\s]?harming)\b|\bcut(?:ting)?\s+my\s+wrists?\b|\bto\s+(?:cut|hurt|harm|kill)\s+myself\b(?!\s+(?:a|an|some)\b)`,
  ),
  r(
    'self_harm.en.method',
    'self_harm',
    'high',
    String.raw`\bi\s+(?:took|swallowed|have\s+taken|'ve\s+taken)\s+(?:a\s+lot\s+of|lots\s+of|too\s+many|all\s+(?:the|my|of\s+the|of\s+my)|so\s+many|many|a\s+bunch\s+of|\d+)\s+(?:\w+\s+)?(?:pills|tablets|medicines?)\b|\b(?:take|swallow|eat)\s+all\s+(?:the|my|of\s+the|of\s+my)\s+(?:\w+\s+)?(?:pills|tablets|medicines?)\b|\bhow\s+(?:many|much)\s+(?:pills|tablets|sleeping\s+pills|paracetamol|medicine)\b[^.?!]{0,30}\b(?:die|kill|overdose|od)\b|\b(?:painless|easiest|quickest|fastest|best)\s+way\s+to\s+(?:die|kill\s+(?:myself|yourself)|end\s+(?:it|my\s+life))\b|\bi\s*(?:'ll|will|want\s+to|wanna|took|might|am\s+going\s+to|'m\s+going\s+to)\s+(?:take\s+an\s+)?overdose\b|${I_INTEND}\s+jump(?:ing)?\s+(?:off|from)\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:roof|terrace|building|bridge|balcony|cliff)\b`,
  ),
  r(
    'self_harm.hi.marna_chahta',
    'self_harm',
    'high',
    String.raw`${MAIN}[^.!?]{0,20}\b(?:marna|mar\s*jana|mar\s*jaana|marjana|mar\s*jaun|mar\s*jaaun|mar\s*jau)\s+(?:chaht[ai]|chahat[ai]|hai|h|he)\b|\bmarna\s+chah(?:a)?t[ai]\s+(?:hu|hoon|hun|hoo)\b|\bmar\s*ja+(?:u|un|oon)\s+(?:toh|to)\s+(?:accha|acha|achha|behtar)\b|\b(?:marne|mar\s+jaane)\s+ka\s+(?:mann?|dil|khayal|irada)\b|\b(?:zeher|zehar|jeher|jahar)\s+(?:kha|pee|pi)\s*(?:lunga|lungi|lu|loon|liya|li)\b|\b(?:chhat|chat|chhath|terrace|roof|building|bridge|pul|balcony)\s+se\s+(?:kood|kud|koodh)\s*(?:jaunga|jaungi|jaaunga|jaaungi|jaun|jaaun|jau|jana|jaana)\b`,
  ),
  r(
    'self_harm.hi.khud_ko',
    'self_harm',
    'high',
    String.raw`\b(?:khud|apne\s*(?:aap|ap))\s*(?:ko)\s+(?:\w+\s+){0,3}?(?:maar|mar|khatam|khtm|hurt|chot|nuksan|nuksaan|kaat|kat|jala)\w*`,
    String.raw`\bbacha|\bsafe\b|\bmat\b|\b(?:meri|mera|mere)\s+(?:dost|friend|bhai|behen|behan|didi|sister|brother)\b|\b(?:woh|wo|vo|voh)\b`,
  ),
  r(
    'self_harm.hi.khudkushi',
    'self_harm',
    'high',
    String.raw`\b(?:khudkushi|khudkhushi|aatmhatya|atmahatya|aatmahatya|atmhatya|suicide)\s+(?:kar|karna|karni|karunga|karungi|karlunga|karlungi|karne|karke)\w*`,
    String.raw`\b(?:kyun|kyon|kyu|kaise\s+roke|why)\b`,
  ),
  r(
    'self_harm.hi.jeena_nahi',
    'self_harm',
    'high',
    String.raw`\b(?:jeena|jina|zinda\s+(?:rehna|rahna))\s+nahi\b|\b(?:nahi|nahin|nhi)\s+(?:jeena|jina)\b|\bapni\s+jaan\s+(?:de|le)\s*(?:dunga|dungi|du|doon|lunga|lungi|denge)\b|\b(?:neend\s+ki|saari|sab|bahut\s+saari|kai)\s+(?:goli|goliyan|goliya|tablets|dawaiyan|dawai)\s+kha\s*(?:ke|kar|lunga|lungi|lu|li|liya|jaunga|jaungi)\b|\bhamesha\s+ke\s+liye\s+so\s+(?:jaunga|jaungi|jaun|jaaun)\b|\bjeene\s+ka\s+(?:mann?|koi\s+(?:matlab|fayda|reason|wajah))\s+nahi\b`,
  ),
  r(
    'self_harm.hi.sab_khatam',
    'self_harm',
    'high',
    String.raw`\bsab\s*(?:kuch\s+)?(?:khatam|khtm)\s+kar\s*(?:dunga|dungi|du|doon|dena|lunga|lungi|lu|denge)\b|\b(?:zindagi|jindagi|life|jeevan)\s+(?:khatam|khtm)\s+kar\w*`,
    String.raw`\b(?:homework|kaam|chapter|syllabus|padhai|assignment|project|revision|khana|tak)\b`,
  ),

  // "mar jaunga" (I'll die) is a figure of speech, except when it is said for today and meant
  r(
    'self_harm.hi.mar_jaunga_aaj',
    'self_harm',
    'high',
    String.raw`\b(?:aaj|abhi|sach\s+mein)\b[^.!?]{0,20}\bmar\s*ja+(?:unga|ungi|oonga|oongi)\b|\bmar\s*ja+(?:unga|ungi|oonga|oongi)\b[^.!?]{0,10}\b(?:aaj|abhi|sach)\b`,
    String.raw`\b(?:has|hans|hass|haste|hanste|hass?ke|bore|garmi|bhookh|bhukh|thand)\w*`,
  ),
  // self_harm, medium: worry about someone else, or a first-person wish that may be a figure of speech
  r(
    'self_harm.en.someone_else',
    'self_harm',
    'medium',
    String.raw`\b(?:friend|bestie|brother|sister|classmate|cousin|he|she|they)\b[^.!?]{0,40}\b(?:kill\s+(?:himself|herself|themselves|themself)|suicid(?:e|al)|self[-\s]?harm(?:s|ing)?|(?:cuts?|cutting|hurts?|hurting)\s+(?:himself|herself|themselves)|wants?\s+to\s+(?:die|end\s+(?:his|her|their)\s+life))\b`,
  ),
  r(
    'self_harm.hi.someone_else',
    'self_harm',
    'medium',
    String.raw`\b(?:meri|mera|mere)\s+(?:dost|friend|bhai|behen|behan|didi|sister|brother)\b[^.!?]{0,40}\b(?:khud\s*ko|apne\s*aap\s*ko|marna|suicide|khudkushi|jeena\s+nahi)\b`,
  ),
  r(
    'self_harm.en.disappear',
    'self_harm',
    'medium',
    String.raw`\bi\s+(?:just\s+)?(?:want|wanna|wish)(?:\s+i\s+could)?\s+(?:just\s+)?(?:to\s+)?(?:disappear|vanish)\b|\b(?:no\s*one|nobody)\s+would\s+(?:even\s+|really\s+)?(?:miss|notice|care)\b[^.!?]{0,20}\b(?:me|if\s+i)\b|\bi\s*(?:'m|am)\s+(?:going\s+to|gonna)\s+die\b|\bi\s*(?:'m|am)\s+not\s+going\s+to\s+be\s+(?:here|around|alive)\s+tomorrow\b`,
    String.raw`\b(?:of|from)\s+(?:boredom|laughing|laughter|embarrassment|hunger|heat|cold)\b`,
  ),
  r(
    'self_harm.hi.mar_jaunga',
    'self_harm',
    'medium',
    String.raw`\bmar\s*ja+(?:unga|ungi|oonga|oongi)\b|\b(?:gayab|gaayab)\s+ho\s+(?:jana|jaana|jaun|jaaun|jaunga|jaungi)\b`,
    String.raw`\b(?:has|hans|hass|haste|hanste|hass?ke|bore|garmi|bhookh|bhukh|thand)\w*`,
  ),
  r(
    'self_harm.en.incite',
    'self_harm',
    'medium',
    String.raw`\b(?:kill|hurt|harm|cut)\s+yourself\b(?!\s+(?:a|an|some)\b)|\bkys\b`,
    // a coach's care ("goggles, so you won't hurt yourself") is not incitement
    String.raw`\b(?:not|never|without|avoid|careful|safely|safe|protect|(?:won|don|can|shouldn|wouldn|couldn|didn|isn)'?t)\b[^.!?]{0,40}\b(?:kill|hurt|harm|cut)\s+yourself\b`,
  ),

  // self_harm, low: distress without death or injury, and the topic named
  r(
    'self_harm.en.distress',
    'self_harm',
    'low',
    String.raw`\bi\s+hate\s+(?:my\s+life|myself|my\s+self)\b|\bi\s*(?:'m|am|m)\s+(?:so\s+|really\s+|completely\s+|just\s+)?(?:worthless|hopeless|a\s+burden|a\s+failure|such\s+a\s+(?:failure|loser|burden)|a\s+waste\s+of\s+space)\b|\bi\s+feel\s+(?:so\s+|really\s+|very\s+)?(?:worthless|hopeless|empty|alone|lonely|like\s+a\s+burden|like\s+a\s+failure)\b|\b(?:no\s*one|nobody)\s+(?:cares\s+about|loves|likes)\s+me\b|\bi'?d\s+rather\s+die\b|\bi\s+can'?t\s+(?:do|take|handle)\s+(?:this|it)\s+anymore\b`,
  ),
  r(
    'self_harm.hi.distress',
    'self_harm',
    'low',
    String.raw`\b(?:main|mai)\s+(?:bilkul\s+|bahut\s+)?(?:bekaar|bekar|nikamma|nikammi|akela|akeli)\b|\bkoi\s+(?:mujhe|mujhse)\s+(?:pyaar|pyar|pasand)\s+nahi\s+karta\b|\bmeri\s+(?:zindagi|jindagi|life)\s+(?:bekaar|bekar|barbaad|barbad|bakwas)\b`,
  ),
  r(
    'self_harm.topic',
    'self_harm',
    'low',
    String.raw`\b(?:suicide|self[-\s]?harm|khudkushi|aatmahatya|atmahatya|aatmhatya)\b`,
  ),

  // violence, high: a weapon or an attack planned, a threat to kill in Hindi, a child being beaten hard
  r(
    'violence.en.weapon_school',
    'violence',
    'high',
    String.raw`\b(?:bring|take|carry|bringing|taking|carrying)\s+(?:(?:a|my|his|her|dad'?s|papa'?s|father'?s|uncle'?s)\s+){0,2}(?:gun|knife|knives|pistol|bomb|weapon|blade)\s+to\s+(?:school|class|tuition|coaching)\b|\bshoot\s+up\s+(?:the|my|our)\s+school\b|\b(?:bomb|blow\s+up)\s+(?:the|my|our)\s+school\b`,
  ),
  r(
    'violence.en.attack',
    'violence',
    'high',
    String.raw`${I_INTEND}\s+(?:stab|shoot|strangle|murder|poison|burn)\s+${A_PERSON}`,
  ),
  r(
    'violence.hi.jaan_se',
    'violence',
    'high',
    String.raw`\bjaan\s+se\s+(?:maar|mar)\w*|\b(?:chaku|chaaku|chhuri|churi|knife|bandook|banduk|goli)\b[^.!?]{0,20}\b(?:maar|mar|chala|chalaa)\s*(?:dunga|dungi|daalunga|dalunga|du|doon|denge)\b`,
  ),
  r(
    'violence.en.beaten_hard',
    'violence',
    'high',
    String.raw`\b(?:beats?|hits?|whips?|burns?|chokes?)\s+me\s+(?:up\s+)?(?:every\s+day|daily|with\s+a\s+(?:belt|stick|rod|wire|cane)|till\s+i\s+bleed|until\s+i\s+bleed)\b|\b(?:roz|har\s+din|belt\s+se|dande\s+se|danda)\b[^.!?]{0,20}\b(?:maarte|marte|maarti|marti|peet(?:te|ti))\b`,
  ),

  // violence, medium: a threat that is often a figure of speech, a child hit or threatened
  r(
    'violence.en.threat',
    'violence',
    'medium',
    String.raw`${I_INTEND}\s+(?:literally\s+|actually\s+)?(?:kill|beat\s+up|hurt|punch|smash)\s+${A_PERSON}`,
  ),
  r(
    'violence.hi.threat',
    'violence',
    'medium',
    String.raw`\b(?:tujhe|tujhko|tumhe|tumhein|tumko|use|usko|usey|unhe|unko|sabko|teacher\s+ko|sir\s+ko|ma'?am\s+ko|bhai\s+ko)\b[^.!?]{0,15}\b(?:maar|mar|peet|pit)\s*(?:dunga|dungi|daalunga|dalunga|daalungi|dalungi|dalu|daalu|denge)\b`,
  ),
  r(
    'violence.en.hit_at_home',
    'violence',
    'medium',
    String.raw`\b(?:dad|father|papa|mom|mother|mummy|mum|uncle|aunt|aunty|step\s*(?:dad|father|mom|mother)|teacher|sir|brother|he|she|they)\s+(?:always\s+|often\s+|sometimes\s+|keeps?\s+|still\s+)?(?:beats?|hits?|slaps?|kicks?|punch(?:es)?|burns?|chokes?)\s+me\b(?!\s+(?:at|in|on)\s)|\b(?:papa|mummy|mumma|maa|mom|dad|pitaji|chacha|uncle|sir|teacher|bhaiya)\b[^.!?]{0,20}\bmujhe\b[^.!?]{0,15}\b(?:maarte|marte|maarti|marti|peet(?:te|ti)|pitai\s+kar)\w*|\bthreaten(?:ed|ing|s)?\s+(?:to\s+)?(?:kill|hurt|beat|stab|shoot)\s+me\b|\b(?:said|says|told\s+me)\s+(?:that\s+)?(?:he|she|they)\s*(?:'ll|will|is\s+going\s+to|are\s+going\s+to|would)\s+(?:kill|stab|shoot|hurt|beat)\s+me\b`,
  ),
  r(
    'violence.en.weapon_howto',
    'violence',
    'medium',
    String.raw`\bhow\s+(?:to|do\s+i|can\s+i)\s+make\s+(?:a\s+)?(?:bomb|explosive|gun|poison)\b`,
  ),

  // sexual, high: an adult's sexual contact, a request for images, grooming
  r(
    'sexual.en.touched',
    'sexual',
    'high',
    String.raw`\btouch(?:ed|es|ing)?\s+(?:me\s+(?:there|down\s+there|inappropriately|in\s+a\s+(?:bad|wrong|weird)\s+way|where\s+i\s+didn'?t\s+want)|my\s+(?:private|privates|chest|breasts?)\b)`,
  ),
  r(
    'sexual.en.images',
    'sexual',
    'high',
    String.raw`\b(?:asked|asks|asking|wants?|told|tells)\s+me\s+(?:to\s+)?(?:send|share)\b[^.!?]{0,25}\b(?:nudes?|naked|without\s+(?:my\s+)?clothes|private\s+(?:pics|photos|pictures))\b|\bsend\s+(?:me\s+)?nudes\b`,
  ),
  r(
    'sexual.en.secret',
    'sexual',
    'high',
    String.raw`\b(?:older|adult|grown[-\s]?up|man|uncle|stranger|online\s+friend)\b[^.!?]{0,50}\b(?:our\s+(?:little\s+)?secret|(?:not|don'?t)\s+to\s+tell\s+(?:my\s+|your\s+)?(?:parents|mom|mum|dad|anyone))\b`,
  ),
  r(
    'sexual.hi.touched',
    'sexual',
    'high',
    String.raw`\b(?:galat|gande|ganda|gandi|buri|bure)\s+(?:tarike|tareeke|tarah|jagah)\s+(?:se\s+)?(?:chhu|chu|touch)\w*|\b(?:nangi|nange|nanga)\s+(?:photo|photos|pic|pics|tasveer|video)\b|\b(?:gandi|gande)\s+(?:photo|photos|pic|pics|video|videos)\s+(?:maang|mang|bhej)\w*`,
  ),

  // sexual, medium and low: explicit material; sex named outside a science question
  r(
    'sexual.en.secret_kept',
    'sexual',
    'medium',
    String.raw`\b(?:our|a)\s+(?:little\s+)?secret\b[^.!?]{0,40}\b(?:shouldn'?t|not\s+to|don'?t|mustn'?t|can'?t|never)\s+tell\s+(?:my\s+)?(?:mom|mum|mummy|dad|papa|parents|anyone|teacher)\b`,
  ),
  r(
    'sexual.en.explicit',
    'sexual',
    'medium',
    String.raw`\b(?:porn|porno|pornography|nudes|sexting|horny|xxx|hentai|blowjob|onlyfans)\b|\bnaked\s+(?:pics|photos|pictures|videos?)\b`,
  ),
  r('sexual.en.sex', 'sexual', 'low', String.raw`\b(?:hav(?:e|ing)|had)\s+sex\b|\bsex\s+with\b|\bsexy\b`),

  // bullying, medium: the child says others bully, mock, threaten or shame them
  r(
    'bullying.en.bullied',
    'bullying',
    'medium',
    String.raw`\bi\s*(?:'m|am|m)?\s+(?:being\s+|getting\s+|always\s+)?bullied\b|\b(?:they|everyone|everybody|kids|boys|girls|classmates|people|seniors|he|she|some\s+\w+)(?:\s+(?:at|in|from)\s+(?:my\s+|the\s+)?(?:new\s+|old\s+)?(?:school|class|tuition|bus))?\s+(?:always\s+|still\s+|keep\s+|keeps\s+|all\s+)?(?:(?:bully|bullies|bullied|bullying|tease|teases|teased|teasing|mock|mocks|mocked|mocking|make\s+fun\s+of|makes\s+fun\s+of|made\s+fun\s+of|making\s+fun\s+of|laugh\s+at|laughs\s+at|laughing\s+at|pick\s+on|picks\s+on|picking\s+on|harass|harasses|harassing)\s+me|call\s+me\s+names|calls\s+me\s+names|calling\s+me\s+names)\b|\bkeeps?\s+(?:pushing|hitting|kicking|punching|tripping|shoving)\s+me\b|\b(?:to|just\s+to)\s+(?:make\s+fun\s+of|bully|mock|tease|laugh\s+at)\s+me\b`,
  ),
  r(
    'bullying.en.online',
    'bullying',
    'medium',
    String.raw`\b(?:posted|posting|posts|spreading|spread|spreads|shared|sharing)\s+(?:mean|bad|fake|embarrassing|rude|ugly|edited)\s+(?:things|stuff|rumou?rs|photos?|pics|memes?|videos?)\s+(?:about|of)\s+me\b`,
  ),
  r(
    'bullying.hi.chidhate',
    'bullying',
    'medium',
    String.raw`\b(?:sab|sabhi|log|ladke|ladkiyan|bacche|baccha|class\s+wale|classmates|seniors|woh|wo)\b[^.!?]{0,20}\bmujhe\b[^.!?]{0,10}\b(?:chidhate|chidate|chidhaate|chhedte|chedte|tang\s+karte|pareshan\s+karte|dhamkate|bully\s+karte|ched(?:te|ti))\b|\bmera\s+(?:mazak|mazaak|majak|majaak)\s+(?:udate|udaate|udata|udati|banate)\b|\bmujhe\s+(?:bully|tang|pareshan)\s+(?:karte|karta|karti|kiya|kar\s+rahe)\b`,
  ),
  // bullying, low: left out
  r(
    'bullying.en.isolated',
    'bullying',
    'low',
    String.raw`\b(?:no\s*one|nobody)\s+(?:talks\s+to|sits\s+with|plays\s+with|wants\s+to\s+be\s+friends\s+with)\s+me\b|\bi\s+(?:have|got)\s+no\s+friends\b|\bkoi\s+(?:mujhse|mere\s+saath|mere\s+sath)\s+(?:baat|khelta|baithta|dosti)\b[^.!?]{0,10}\bnahi\b`,
  ),
];
