//! Closed word lists the rules lean on. The lexicon knows open-class facts
//! (frequency, gazetteers, corpus priors); these are the small classes it
//! cannot tell apart: titles, head nouns of organisations and places,
//! nationality and group words.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Nationality, religious and political-group words (adjective or singular
/// noun form); plurals are found by stripping "s".
pub const DEMONYMS: &[&str] = &[
    // Nationalities and peoples.
    "Afghan", "African", "Albanian", "Algerian", "American", "Angolan", "Arab", "Arabian", "Argentine", "Argentinian",
    "Armenian", "Asian", "Australian", "Austrian", "Avar", "Azerbaijani", "Azeri", "Bahraini", "Bangladeshi",
    "Belarusian", "Belgian", "Bolivian", "Bosnian", "Brazilian", "British", "Briton", "Bulgarian", "Burmese",
    "Cambodian", "Canadian", "Caucasian", "Chechen", "Chilean", "Chinese", "Circassian", "Colombian", "Congolese",
    "Croatian", "Croat", "Cuban", "Cypriot", "Czech", "Dagestani", "Dane", "Danish", "Dutch", "Ecuadorian", "Egyptian",
    "Emirati", "English", "Englishman", "Eritrean", "Estonian", "Ethiopian", "European", "Filipino", "Finn", "Finnish",
    "French", "Frenchman", "Georgian", "German", "Ghanaian", "Greek", "Guatemalan", "Haitian", "Hispanic", "Honduran",
    "Hungarian", "Icelandic", "Indian", "Indonesian", "Ingush", "Iranian", "Iraqi", "Irish", "Israeli", "Italian",
    "Ivorian", "Jamaican", "Japanese", "Jordanian", "Kazakh", "Kenyan", "Korean", "Kosovar", "Kurd", "Kurdish", "Kuwaiti",
    "Kyrgyz", "Latino", "Latvian", "Lebanese", "Libyan", "Lithuanian", "Macedonian", "Malaysian", "Malian", "Mexican",
    "Moldovan", "Mongolian", "Moroccan", "Nepalese", "Nigerian", "Norwegian", "Pakistani", "Palestinian", "Panamanian",
    "Pashtun", "Persian", "Peruvian", "Pole", "Polish", "Portuguese", "Qatari", "Romanian", "Russian", "Rwandan", "Saudi",
    "Scandinavian", "Scot", "Scottish", "Serb", "Serbian", "Slovak", "Slovenian", "Somali", "Soviet", "Spaniard",
    "Spanish", "Sudanese", "Swede", "Swedish", "Swiss", "Syrian", "Taiwanese", "Tajik", "Tatar", "Thai", "Tibetan",
    "Tunisian", "Turk", "Turkish", "Turkmen", "Ugandan", "Uighur", "Ukrainian", "Uyghur", "Uzbek", "Venezuelan",
    "Vietnamese", "Welsh", "Yemeni", "Zimbabwean", "Nepali", "Sri Lankan", "New Zealander",
    // Religions and their followers.
    "Muslim", "Moslem", "Islamic", "Islamist", "Christian", "Catholic", "Protestant", "Orthodox", "Jewish", "Jew",
    "Hindu", "Buddhist", "Sikh", "Sunni", "Shiite", "Shia", "Evangelical", "Mormon", "Anglican", "Lutheran", "Methodist",
    "Baptist", "Salafi", "Salafist", "Wahhabi", "Sufi", "Coptic", "Copt", "Jihadist", "Jihadi",
    // Political groups.
    "Republican", "Democrat", "Democratic", "Conservative", "Liberal", "Communist", "Socialist", "Tory", "Bolshevik",
    "Marxist", "Nazi", "Fascist", "Zionist", "Maoist", "Leninist", "Labourite", "Whig", "Federalist",
];

/// Titles that stand before a person's name and are kept apart from it.
pub const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Prof.", "Professor", "President", "Minister",
    "Premier", "Chancellor", "Secretary", "Gen.", "General", "Sen.", "Senator", "Rep.", "Representative", "Gov.",
    "Governor", "Mayor", "King", "Queen", "Prince", "Princess", "Pope", "Sir", "Dame", "Lord", "Lady", "Judge", "Justice",
    "Ambassador", "Sheikh", "Imam", "Ayatollah", "Rev.", "Reverend", "Father", "Bishop", "Archbishop", "Cardinal",
    "Rabbi", "Officer", "Sgt.", "Sergeant", "Lt.", "Lieutenant", "Col.", "Colonel", "Capt.", "Captain", "Maj.", "Adm.",
    "Admiral", "Cpl.", "Corporal", "Pvt.", "Detective", "Inspector", "Chief", "Commissioner", "Superintendent", "Supt.",
    "Speaker", "Chairman", "Chairwoman", "Director", "Commander", "Coach", "Agent", "Spokesman", "Spokeswoman",
    "Prosecutor", "Emir", "Sultan", "Czar", "Tsar", "Marshal", "Sheriff", "Councilman", "Councilwoman", "Congressman",
    "Congresswoman", "Patriarch", "Metropolitan", "Mullah", "Messrs.", "Mme.", "Pres.", "Det.", "Insp.", "Hon.",
];

/// Words that build a longer title: "Prime Minister", "Lt. Gen.", "Police Chief".
pub const TITLE_MODIFIERS: &[&str] = &[
    "Prime", "Vice", "Deputy", "Foreign", "Interior", "Defense", "Defence", "Finance", "Acting", "Former", "Senior",
    "Police", "Fire", "Army", "State", "Attorney", "Crown", "Grand", "Supreme", "Field", "Staff", "Executive", "Lt.",
    "Major", "First", "Assistant", "Associate", "Special", "Interim", "Chief", "Lieutenant", "Brig.", "Brigadier",
    "Rear", "Federal", "District", "Presidential", "Homeland", "Security", "Economy", "Trade", "Health", "Education",
    "Energy", "Culture", "Transport", "Labor", "Labour", "Agriculture", "Treasury",
];

/// Last words of organisation names.
pub const ORG_HEADS: &[&str] = &[
    "Service", "Services", "University", "College", "Institute", "Institution", "Agency", "Ministry", "Department",
    "Party", "Bank", "Council", "Committee", "Commission", "Court", "House", "Company", "Co.", "Inc.", "Corp.",
    "Corporation", "Ltd.", "Ltd", "LLC", "PLC", "plc", "Group", "Association", "League", "Organization", "Organisation",
    "Foundation", "Fund", "Bureau", "Office", "Board", "Authority", "Administration", "Army", "Navy", "Force", "Forces",
    "Guard", "Command", "Airlines", "Airways", "Times", "Post", "Journal", "News", "Gazette", "Gazeta", "Tribune",
    "Herald", "Telegraph", "Press", "Network", "Television", "Radio", "Channel", "Church", "School", "Academy",
    "Hospital", "Center", "Centre", "Club", "Parliament", "Congress", "Senate", "Duma", "Assembly", "Cabinet",
    "Government", "Reserve", "Exchange", "Brigade", "Battalion", "Front", "Movement", "Coalition", "Alliance", "Society",
    "Trust", "Holdings", "Motors", "Systems", "Technologies", "Partners", "Laboratory", "Laboratories", "Museum",
    "Secretariat", "Tribunal", "Police", "Union", "Federation", "Industries", "Enterprises", "Bros.", "Mosque",
    "Brotherhood", "Caucus", "Conference", "Directorate", "Inspectorate", "Prosecutor's", "Magazine", "Review",
    "Monitor", "Observer", "Guardian", "Daily", "Weekly", "Broadcasting", "Communications", "Media", "Pharmaceuticals",
    "Energy", "Oil", "Gas", "Petroleum", "Steel", "Electric", "Insurance", "Capital", "Securities", "Investments",
    "Ventures", "Institutes", "Courts", "Ministries",
];

/// Last words of place names.
pub const LOC_HEADS: &[&str] = &[
    "River", "Mountains", "Mountain", "Sea", "Ocean", "Island", "Islands", "Valley", "Province", "Region", "County",
    "Street", "Square", "Avenue", "Road", "Bay", "Gulf", "Lake", "Desert", "Peninsula", "Strait", "Straits", "Coast",
    "Heights", "Hills", "Plaza", "Bridge", "Airport", "Canal", "Basin", "Republic", "Kingdom", "States", "Emirates",
    "City", "Town", "Village", "District", "Territory", "Territories", "Oblast", "Krai", "Prefecture", "Canyon", "Falls",
    "Beach", "Harbor", "Harbour", "Highway", "Boulevard", "Park", "Peak", "Glacier", "Forest", "Plain", "Plains",
    "Lane", "Drive", "Hill", "Creek", "Sound", "Steppe", "Oasis", "Delta", "Reservoir", "Archipelago",
];

/// First words that make a place out of the name after them.
pub const LOC_PREFIXES: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "Mount",
    "Mt.", "Lake", "Cape", "Fort", "Port", "Saint", "St.", "San", "Santa", "Greater", "Inner", "Outer", "Northeast",
    "Northwest", "Southeast", "Southwest", "Gulf",
];

/// Last words of event and other miscellaneous names.
pub const MISC_HEADS: &[&str] = &[
    "Marathon", "Games", "Olympics", "Cup", "Championship", "Championships", "Open", "Festival", "Prize", "Award",
    "Awards", "War", "Revolution", "Treaty", "Accord", "Accords", "Act", "Day", "Series", "Bowl", "Tour", "Derby",
    "Expo", "Olympiad", "Spring", "Summit", "Protocol", "Doctrine", "Convention", "Crisis", "Uprising", "Massacre",
    "Trophy", "Grand Prix", "Biennale", "Fair", "Show", "Race", "Classic",
];

/// Nouns that, just before a name, say the name is an organisation
/// ("the newspaper Novaya Gazeta", "the agency Interfax").
pub const ORG_CUES: &[&str] = &[
    "newspaper", "agency", "daily", "weekly", "magazine", "channel", "network", "broadcaster", "company", "firm",
    "party", "organization", "organisation", "ministry", "bank", "airline", "group", "carrier", "website", "station",
    "tabloid", "paper", "publisher", "insurer", "lender", "retailer", "manufacturer", "maker", "automaker", "team",
    "club", "movement", "charity", "university", "watchdog", "regulator", "outlet",
];

/// Nouns of happenings that a place before them locates ("the Boston
/// bombing", "the Geneva talks"): the place is a place there, even where
/// sports pages taught the tagger that a bare city is its team.
pub const PLACED_EVENTS: &[&str] = &[
    "bombing", "bombings", "attack", "attacks", "shooting", "shootings", "massacre", "blast", "explosion", "earthquake",
    "quake", "riot", "riots", "uprising", "siege", "raid", "crash", "fire", "flood", "floods", "summit", "talks",
    "protest", "protests", "killings", "standoff", "bombers",
];

/// Lower-case nouns of places that "of" ties to a name ("the province of
/// Ombara", "the capital of Tervanda").
pub const PLACE_NOUNS: &[&str] = &[
    "province", "region", "district", "city", "town", "village", "county", "state", "island", "republic", "capital",
    "oblast", "territory", "suburb", "neighborhood", "neighbourhood", "enclave", "municipality", "port", "outskirts",
];

/// Prepositions that put a following name in a place ("in Dagestan").
pub const LOC_PREPOSITIONS: &[&str] =
    &["in", "from", "to", "near", "across", "into", "throughout", "outside", "inside", "toward", "towards", "around", "via"];

/// Words after a name that mark a person ("Ushakov said").
pub const PERSON_CUES_AFTER: &[&str] = &[
    "said", "says", "told", "added", "asked", "explained", "wrote", "argued", "insisted", "replied", "recalled",
    "noted", "acknowledged", "admitted", "testified", "denied", "declined", "smiled", "died", "himself", "herself",
];

/// Lower-case particles inside personal and place names ("bin", "van", "de").
pub const NAME_PARTICLES: &[&str] =
    &["de", "da", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "el", "la", "le", "du", "dos", "das", "y", "ben", "abu"];

pub const WEEKDAYS_MONTHS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "June", "July", "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.",
    "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thurs.",
    "Fri.", "Sat.", "Sun.",
];

/// Place acronyms the lexicon does not spell with periods.
/// and abbreviated U.S. states ("Boston, Mass.").
pub const PLACE_ACRONYMS: &[&str] = &[
    "U.S.", "US", "U.K.", "UK", "USA", "U.S.A.", "UAE", "U.A.E.", "D.C.", "DC", "DRC", "Ala.", "Ariz.", "Ark.", "Calif.",
    "Colo.", "Conn.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Mo.",
    "Mont.", "Neb.", "Nev.", "Okla.", "Ore.", "Pa.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.", "Wis.", "Wyo.",
];

/// A list as a hash set, built once: the lists are consulted per token.
pub struct WordSet(LazyLock<HashSet<&'static str>>);

impl WordSet {
    pub fn has(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

macro_rules! word_set {
    ($name:ident, $list:ident) => {
        pub static $name: WordSet = WordSet(LazyLock::new(|| $list.iter().copied().collect()));
    };
}

word_set!(DEMONYM, DEMONYMS);
word_set!(TITLE, TITLES);
word_set!(TITLE_MODIFIER, TITLE_MODIFIERS);
word_set!(ORG_HEAD, ORG_HEADS);
word_set!(LOC_PREFIX, LOC_PREFIXES);
word_set!(MISC_HEAD, MISC_HEADS);
word_set!(PLACE_ACRONYM, PLACE_ACRONYMS);
word_set!(PLACED_EVENT, PLACED_EVENTS);
word_set!(PLACE_NOUN, PLACE_NOUNS);

/// The singular demonym for a word, if it is one ("Russians" → "Russian").
pub fn demonym(word: &str) -> Option<&'static str> {
    if let Some(d) = DEMONYM.0.get(word) {
        return Some(d);
    }
    if let Some(d) = word.strip_suffix('s').and_then(|stem| DEMONYM.0.get(stem)) {
        return Some(d);
    }
    // "Englishmen", "Frenchmen".
    let stem = word.strip_suffix("men")?;
    let man = format!("{stem}man");
    DEMONYM.0.get(man.as_str()).copied()
}
