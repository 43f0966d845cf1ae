//! Demo data: a deterministic generator of a plausible defence-engagement register.
//!
//! Given a seed, a size, `today` and our nation, [`DemoPlan`] makes partners, objectives,
//! people, assets, agreements and activities that read like a real register: seasons,
//! partners growing and fading over the years, statuses that follow the dates. It is pure:
//! no I/O, no clock, no database; storing what it makes is the caller's job.
//!
//! Every activity is drawn from its own ChaCha stream (keyed by the seed, numbered by the
//! activity), so activities come one at a time in constant memory, the first n are the same
//! whatever the size, and the data is the same on every platform.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use attache_domain::records::{
    Agreement, AgreementKind, Asset, AssetKind, Indicator, Objective, Person, StandingAim,
};
use attache_domain::{
    Activity, Amount, Category, Classification, CurrencyCode, Location, Money, Participant,
    PartnerCode, Role, SecurityLabel, Status,
};
use chrono::{Datelike, Days, NaiveDate};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The `source` of every demo activity.
pub const SOURCE: &str = "attache-demo";

/// The organisations that host or attend demo forums.
pub const ORGANISATIONS: [&str; 6] = ["NATO", "OSCE", "ASEAN", "ADMM-Plus", "EU", "AU"];

/// Every currency a demo cost may carry.
pub const CURRENCIES: [&str; 8] = ["GBP", "USD", "EUR", "SGD", "AUD", "CAD", "JPY", "NOK"];

/// Rough value of one pound in each of [`CURRENCIES`], so costs are of a plausible size.
const PER_POUND: [f64; 8] = [1.0, 1.27, 1.17, 1.7, 1.9, 1.72, 190.0, 13.5];

/// The timeline runs from this many years before today's year to the end of the next year.
const YEARS_BEFORE: i32 = 5;
/// Activities per year of the timeline, relative: the register fills up as years pass, and
/// next year is only partly planned.
const YEAR_WEIGHTS: [f64; 7] = [0.85, 0.9, 0.95, 1.0, 1.0, 1.0, 0.7];

/// ChaCha streams: one per kind of reference record, then one per activity from here.
const STREAM_OBJECTIVES: u64 = 1;
const STREAM_PEOPLE: u64 = 2;
const STREAM_ASSETS: u64 = 3;
const STREAM_AGREEMENTS: u64 = 4;
/// Outcome ratings and indicator readings (`demo_ame.rs`).
pub(crate) const STREAM_AME: u64 = 5;
const STREAM_ACTIVITIES: u64 = 1 << 32;

// ---------------------------------------------------------------------------------------
// Reference tables
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Place {
    name: &'static str,
    lat: f64,
    lon: f64,
}

const fn place(name: &'static str, lat: f64, lon: f64) -> Place {
    Place { name, lat, lon }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    SouthEastAsia,
    AsiaPacific,
    SouthAsia,
    Africa,
    MiddleEast,
    Americas,
    Europe,
}

/// Name parts to invent plausible people from, each list separated by ", "; no real
/// official is meant.
#[derive(Debug)]
struct NameGroup {
    given: &'static str,
    family: &'static str,
    family_first: bool,
}

const ANGLO: NameGroup = NameGroup {
    given: "James, Sarah, Michael, Emma, David, Rachel, Thomas, Helen, Andrew, Claire, Peter, Fiona",
    family: "Whitfield, Harrow, Pemberton, Ashdown, Calloway, Brennan, Thornton, Marsh, Fletcher, Hollis, Carver, Ellwood",
    family_first: false,
};
const NORDIC: NameGroup = NameGroup {
    given: "Erik, Ingrid, Lars, Solveig, Henrik, Kari, Anders, Marit",
    family: "Haugland, Bakken, Lunde, Strand, Moen, Eide, Nygaard, Vik",
    family_first: false,
};
const GERMAN: NameGroup = NameGroup {
    given: "Matthias, Katrin, Stefan, Julia, Andreas, Sabine, Jens, Anja",
    family: "Brandt, Keller, Hoffmann, Vogel, Krämer, Lehmann, Weiss, Fuchs",
    family_first: false,
};
const FRENCH: NameGroup = NameGroup {
    given: "Julien, Camille, Nicolas, Claire, Mathieu, Élodie, Olivier, Sophie",
    family: "Marchand, Lefèvre, Garnier, Rousseau, Bertrand, Faure, Girard, Chevalier",
    family_first: false,
};
const POLISH: NameGroup = NameGroup {
    given: "Tomasz, Agnieszka, Piotr, Katarzyna, Marek, Joanna, Paweł, Magdalena",
    family: "Nowak, Mazur, Sikora, Wójcik, Kaczmarek, Pawlak, Krawczyk, Kowalczyk",
    family_first: false,
};
const UKRAINIAN: NameGroup = NameGroup {
    given: "Oleksandr, Olena, Andriy, Iryna, Serhiy, Natalia, Dmytro, Oksana",
    family: "Kovalenko, Bondarenko, Tkachenko, Shevchuk, Melnyk, Kravchenko, Savchenko, Polishchuk",
    family_first: false,
};
const ESTONIAN: NameGroup = NameGroup {
    given: "Tanel, Kadri, Margus, Liis, Priit, Kersti, Andres, Triin",
    family: "Tamm, Saar, Sepp, Mägi, Kask, Rebane, Luik, Pärn",
    family_first: false,
};
const CHINESE: NameGroup = NameGroup {
    given: "Wei Ming, Hui Ling, Kok Leong, Mei Xin, Jun Hao, Siew Lan, Boon Keng, Li Ting",
    family: "Tan, Lim, Ng, Chua, Koh, Teo, Ong, Wong",
    family_first: true,
};
const MALAY: NameGroup = NameGroup {
    given: "Ahmad, Nurul, Hafiz, Siti, Faizal, Aisyah, Zulkifli, Farah",
    family: "Hassan, Ismail, Rahman, Yusof, Osman, Kamarudin, Abdullah, Salleh",
    family_first: false,
};
const INDONESIAN: NameGroup = NameGroup {
    given: "Budi, Dewi, Agus, Sri, Hendra, Rina, Eko, Wulan",
    family: "Santoso, Wibowo, Hidayat, Nugroho, Susanto, Kurniawan, Saputra, Purnomo",
    family_first: false,
};
const VIETNAMESE: NameGroup = NameGroup {
    given: "Van Thanh, Thi Lan, Minh Tuan, Duc Anh, Thi Hoa, Quoc Bao, Huu Long, Thu Trang",
    family: "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui",
    family_first: true,
};
const THAI: NameGroup = NameGroup {
    given: "Somchai, Suda, Anan, Malee, Prasert, Ratana, Kittisak, Wanida",
    family: "Chaiyaporn, Srisuk, Thongchai, Rattanakul, Phromsri, Kaewmanee, Boonmee, Suwannarat",
    family_first: false,
};
const FILIPINO: NameGroup = NameGroup {
    given: "Ramon, Maricel, Eduardo, Liza, Rodel, Joy, Arnel, Cristina",
    family: "Dizon, Villanueva, Bautista, Mercado, Pascual, Salazar, Manalo, Ocampo",
    family_first: false,
};
const JAPANESE: NameGroup = NameGroup {
    given: "Hiroshi, Yuko, Takeshi, Akiko, Kenji, Naoko, Daisuke, Mayumi",
    family: "Takahashi, Watanabe, Yamamoto, Nakamura, Kobayashi, Sakamoto, Ishikawa, Morita",
    family_first: false,
};
const KOREAN: NameGroup = NameGroup {
    given: "Min-jun, Seo-yeon, Ji-hoon, Hye-jin, Sung-ho, Eun-ji, Dong-hyun, Yu-na",
    family: "Kim, Park, Choi, Jung, Kang, Yoon, Han, Shin",
    family_first: true,
};
const MONGOLIAN: NameGroup = NameGroup {
    given: "Batbayar, Oyunchimeg, Ganbold, Sarangerel, Erdene, Nomin, Tsogt, Altantsetseg",
    family: "Dorj, Bold, Tömör, Bat, Ganzorig, Sükh, Naran, Purev",
    family_first: false,
};
const INDIAN: NameGroup = NameGroup {
    given: "Rajesh, Priya, Vikram, Anjali, Sanjay, Meera, Arun, Kavita",
    family: "Sharma, Nair, Menon, Rao, Iyer, Verma, Pillai, Chatterjee",
    family_first: false,
};
const PAKISTANI: NameGroup = NameGroup {
    given: "Tariq, Ayesha, Asif, Saima, Bilal, Nadia, Kamran, Sana",
    family: "Malik, Qureshi, Chaudhry, Siddiqui, Abbasi, Butt, Rana, Mirza",
    family_first: false,
};
const KENYAN: NameGroup = NameGroup {
    given: "Joseph, Grace, Daniel, Mercy, Samuel, Faith, Peter, Wanjiru",
    family: "Otieno, Kamau, Mwangi, Ochieng, Wafula, Njoroge, Kiprono, Mutua",
    family_first: false,
};
const NIGERIAN: NameGroup = NameGroup {
    given: "Chukwuemeka, Ngozi, Adebayo, Funmilayo, Ibrahim, Aisha, Oluwaseun, Chiamaka",
    family: "Okafor, Adeyemi, Bello, Eze, Okonkwo, Balogun, Nwosu, Lawal",
    family_first: false,
};
const GHANAIAN: NameGroup = NameGroup {
    given: "Kwame, Akosua, Kofi, Ama, Yaw, Efua, Kwabena, Abena",
    family: "Mensah, Owusu, Boateng, Asante, Appiah, Ofori, Darko, Amoah",
    family_first: false,
};
const SOUTH_AFRICAN: NameGroup = NameGroup {
    given: "Thabo, Nomvula, Sipho, Lerato, Johan, Annelie, Mandla, Zanele",
    family: "Dlamini, Nkosi, van der Merwe, Botha, Mokoena, Ndlovu, Pretorius, Khumalo",
    family_first: false,
};
const LEVANTINE: NameGroup = NameGroup {
    given: "Ahmed, Fatima, Khalid, Mariam, Omar, Layla, Youssef, Noura",
    family: "El-Sayed, Haddad, Mansour, Abdelrahman, Khalil, Farouk, Soliman, Nasr",
    family_first: false,
};
const MAGHREBI: NameGroup = NameGroup {
    given: "Youssef, Khadija, Mehdi, Salma, Karim, Imane, Hicham, Nadia",
    family: "Benali, El Idrissi, Alaoui, Bennani, Tazi, Chraibi, Berrada, El Amrani",
    family_first: false,
};
const GULF: NameGroup = NameGroup {
    given: "Khalid, Noura, Saeed, Mariam, Faisal, Hessa, Rashid, Latifa",
    family: "Al-Qahtani, Al-Mansouri, Al-Kuwari, Al-Shamsi, Al-Dosari, Al-Marri, Al-Harbi, Al-Nuaimi",
    family_first: false,
};
const HISPANIC: NameGroup = NameGroup {
    given: "Alejandro, María, Carlos, Lucía, Javier, Valentina, Andrés, Camila",
    family: "González, Rodríguez, Herrera, Castillo, Morales, Vargas, Reyes, Fuentes",
    family_first: false,
};
const BRAZILIAN: NameGroup = NameGroup {
    given: "João, Ana, Rafael, Beatriz, Lucas, Fernanda, Thiago, Juliana",
    family: "Silva, Oliveira, Santos, Costa, Pereira, Almeida, Ribeiro, Carvalho",
    family_first: false,
};

/// A state the demo knows: how to name it, its services, where its capital and naval
/// ports are, and how much engagement it gets before trends.
#[derive(Debug)]
struct Nation {
    code: &'static str,
    /// As it reads inside a sentence: "the Philippines".
    name: &'static str,
    adjective: &'static str,
    forces: &'static str,
    /// Army, navy ("" without one), air force.
    services: [&'static str; 3],
    minister: &'static str,
    chief: &'static str,
    capital: Place,
    /// Ports that receive warship visits; none for a landlocked state.
    ports: &'static [Place],
    region: Region,
    names: &'static NameGroup,
    currency: &'static str,
    ship_prefix: &'static str,
    weight: f64,
}

const NATIONS: &[Nation] = &[
    Nation {
        code: "GBR",
        name: "the United Kingdom",
        adjective: "British",
        forces: "British Armed Forces",
        services: ["British Army", "Royal Navy", "Royal Air Force"],
        minister: "Secretary of State for Defence",
        chief: "Chief of the Defence Staff",
        capital: place("London", 51.5074, -0.1278),
        ports: &[
            place("Portsmouth", 50.8, -1.11),
            place("Devonport", 50.38, -4.18),
            place("Faslane", 56.06, -4.82),
        ],
        region: Region::Europe,
        names: &ANGLO,
        currency: "GBP",
        ship_prefix: "HMS",
        weight: 4.0,
    },
    Nation {
        code: "USA",
        name: "the United States",
        adjective: "US",
        forces: "US Armed Forces",
        services: ["US Army", "US Navy", "US Air Force"],
        minister: "Secretary of Defense",
        chief: "Chairman of the Joint Chiefs of Staff",
        capital: place("Washington, D.C.", 38.9072, -77.0369),
        ports: &[
            place("Norfolk", 36.95, -76.33),
            place("San Diego", 32.7, -117.17),
            place("Pearl Harbor", 21.35, -157.95),
        ],
        region: Region::Americas,
        names: &ANGLO,
        currency: "USD",
        ship_prefix: "USS",
        weight: 5.0,
    },
    Nation {
        code: "FRA",
        name: "France",
        adjective: "French",
        forces: "French Armed Forces",
        services: ["French Army", "French Navy", "French Air and Space Force"],
        minister: "Minister of the Armed Forces",
        chief: "Chief of the Defence Staff",
        capital: place("Paris", 48.8566, 2.3522),
        ports: &[place("Toulon", 43.12, 5.93), place("Brest", 48.38, -4.49)],
        region: Region::Europe,
        names: &FRENCH,
        currency: "EUR",
        ship_prefix: "FS",
        weight: 4.0,
    },
    Nation {
        code: "DEU",
        name: "Germany",
        adjective: "German",
        forces: "Bundeswehr",
        services: ["German Army", "German Navy", "German Air Force"],
        minister: "Federal Minister of Defence",
        chief: "Chief of Defence",
        capital: place("Berlin", 52.52, 13.405),
        ports: &[
            place("Kiel", 54.33, 10.15),
            place("Wilhelmshaven", 53.52, 8.14),
        ],
        region: Region::Europe,
        names: &GERMAN,
        currency: "EUR",
        ship_prefix: "FGS",
        weight: 3.0,
    },
    Nation {
        code: "CAN",
        name: "Canada",
        adjective: "Canadian",
        forces: "Canadian Armed Forces",
        services: [
            "Canadian Army",
            "Royal Canadian Navy",
            "Royal Canadian Air Force",
        ],
        minister: "Minister of National Defence",
        chief: "Chief of the Defence Staff",
        capital: place("Ottawa", 45.4215, -75.6972),
        ports: &[
            place("Halifax", 44.65, -63.57),
            place("Esquimalt", 48.43, -123.43),
        ],
        region: Region::Americas,
        names: &ANGLO,
        currency: "CAD",
        ship_prefix: "HMCS",
        weight: 3.0,
    },
    Nation {
        code: "NOR",
        name: "Norway",
        adjective: "Norwegian",
        forces: "Norwegian Armed Forces",
        services: [
            "Norwegian Army",
            "Royal Norwegian Navy",
            "Royal Norwegian Air Force",
        ],
        minister: "Minister of Defence",
        chief: "Chief of Defence",
        capital: place("Oslo", 59.9139, 10.7522),
        ports: &[place("Bergen", 60.39, 5.32), place("Oslo", 59.9, 10.73)],
        region: Region::Europe,
        names: &NORDIC,
        currency: "NOK",
        ship_prefix: "HNoMS",
        weight: 2.0,
    },
    Nation {
        code: "POL",
        name: "Poland",
        adjective: "Polish",
        forces: "Polish Armed Forces",
        services: ["Polish Land Forces", "Polish Navy", "Polish Air Force"],
        minister: "Minister of National Defence",
        chief: "Chief of the General Staff",
        capital: place("Warsaw", 52.2297, 21.0122),
        ports: &[place("Gdynia", 54.53, 18.55)],
        region: Region::Europe,
        names: &POLISH,
        currency: "PLN",
        ship_prefix: "ORP",
        weight: 3.0,
    },
    Nation {
        code: "EST",
        name: "Estonia",
        adjective: "Estonian",
        forces: "Estonian Defence Forces",
        services: [
            "Estonian Land Forces",
            "Estonian Navy",
            "Estonian Air Force",
        ],
        minister: "Minister of Defence",
        chief: "Commander of the Defence Forces",
        capital: place("Tallinn", 59.437, 24.7536),
        ports: &[place("Tallinn", 59.45, 24.77)],
        region: Region::Europe,
        names: &ESTONIAN,
        currency: "EUR",
        ship_prefix: "EML",
        weight: 2.0,
    },
    Nation {
        code: "UKR",
        name: "Ukraine",
        adjective: "Ukrainian",
        forces: "Armed Forces of Ukraine",
        services: [
            "Ukrainian Ground Forces",
            "Ukrainian Navy",
            "Ukrainian Air Force",
        ],
        minister: "Minister of Defence",
        chief: "Commander-in-Chief of the Armed Forces",
        capital: place("Kyiv", 50.4501, 30.5234),
        // No port visits while the Black Sea is a war zone.
        ports: &[],
        region: Region::Europe,
        names: &UKRAINIAN,
        currency: "UAH",
        ship_prefix: "",
        weight: 3.0,
    },
    Nation {
        code: "SGP",
        name: "Singapore",
        adjective: "Singaporean",
        forces: "Singapore Armed Forces",
        services: [
            "Singapore Army",
            "Republic of Singapore Navy",
            "Republic of Singapore Air Force",
        ],
        minister: "Minister for Defence",
        chief: "Chief of Defence Force",
        capital: place("Singapore", 1.2897, 103.8501),
        ports: &[
            place("Changi Naval Base", 1.323, 104.016),
            place("Sembawang", 1.463, 103.83),
        ],
        region: Region::SouthEastAsia,
        names: &CHINESE,
        currency: "SGD",
        ship_prefix: "RSS",
        weight: 4.0,
    },
    Nation {
        code: "IDN",
        name: "Indonesia",
        adjective: "Indonesian",
        forces: "Indonesian National Armed Forces",
        services: ["Indonesian Army", "Indonesian Navy", "Indonesian Air Force"],
        minister: "Minister of Defence",
        chief: "Commander of the National Armed Forces",
        capital: place("Jakarta", -6.2088, 106.8456),
        ports: &[
            place("Tanjung Priok", -6.104, 106.88),
            place("Surabaya", -7.2, 112.7333),
        ],
        region: Region::SouthEastAsia,
        names: &INDONESIAN,
        currency: "IDR",
        ship_prefix: "KRI",
        weight: 3.0,
    },
    Nation {
        code: "MYS",
        name: "Malaysia",
        adjective: "Malaysian",
        forces: "Malaysian Armed Forces",
        services: [
            "Malaysian Army",
            "Royal Malaysian Navy",
            "Royal Malaysian Air Force",
        ],
        minister: "Minister of Defence",
        chief: "Chief of Defence Force",
        capital: place("Kuala Lumpur", 3.139, 101.6869),
        ports: &[
            place("Port Klang", 3.0, 101.4),
            place("Lumut", 4.232, 100.629),
        ],
        region: Region::SouthEastAsia,
        names: &MALAY,
        currency: "MYR",
        ship_prefix: "KD",
        weight: 3.0,
    },
    Nation {
        code: "VNM",
        name: "Vietnam",
        adjective: "Vietnamese",
        forces: "Vietnam People's Army",
        services: [
            "Vietnam People's Ground Forces",
            "Vietnam People's Navy",
            "Vietnam People's Air Force",
        ],
        minister: "Minister of National Defence",
        chief: "Chief of the General Staff",
        capital: place("Hanoi", 21.0278, 105.8342),
        ports: &[
            place("Cam Ranh", 11.99, 109.21),
            place("Da Nang", 16.068, 108.22),
        ],
        region: Region::SouthEastAsia,
        names: &VIETNAMESE,
        currency: "VND",
        ship_prefix: "",
        weight: 2.0,
    },
    Nation {
        code: "PHL",
        name: "the Philippines",
        adjective: "Philippine",
        forces: "Armed Forces of the Philippines",
        services: ["Philippine Army", "Philippine Navy", "Philippine Air Force"],
        minister: "Secretary of National Defense",
        chief: "Chief of Staff of the Armed Forces",
        capital: place("Manila", 14.5995, 120.9842),
        ports: &[
            place("Manila", 14.587, 120.967),
            place("Subic Bay", 14.81, 120.28),
        ],
        region: Region::SouthEastAsia,
        names: &FILIPINO,
        currency: "PHP",
        ship_prefix: "BRP",
        weight: 2.0,
    },
    Nation {
        code: "THA",
        name: "Thailand",
        adjective: "Thai",
        forces: "Royal Thai Armed Forces",
        services: ["Royal Thai Army", "Royal Thai Navy", "Royal Thai Air Force"],
        minister: "Minister of Defence",
        chief: "Chief of Defence Forces",
        capital: place("Bangkok", 13.7563, 100.5018),
        ports: &[
            place("Sattahip", 12.665, 100.895),
            place("Laem Chabang", 13.08, 100.883),
        ],
        region: Region::SouthEastAsia,
        names: &THAI,
        currency: "THB",
        ship_prefix: "HTMS",
        weight: 2.0,
    },
    Nation {
        code: "AUS",
        name: "Australia",
        adjective: "Australian",
        forces: "Australian Defence Force",
        services: [
            "Australian Army",
            "Royal Australian Navy",
            "Royal Australian Air Force",
        ],
        minister: "Minister for Defence",
        chief: "Chief of the Defence Force",
        capital: place("Canberra", -35.2809, 149.13),
        ports: &[
            place("Sydney", -33.863, 151.226),
            place("Darwin", -12.47, 130.845),
            place("Fremantle", -32.055, 115.743),
        ],
        region: Region::AsiaPacific,
        names: &ANGLO,
        currency: "AUD",
        ship_prefix: "HMAS",
        weight: 4.0,
    },
    Nation {
        code: "NZL",
        name: "New Zealand",
        adjective: "New Zealand",
        forces: "New Zealand Defence Force",
        services: [
            "New Zealand Army",
            "Royal New Zealand Navy",
            "Royal New Zealand Air Force",
        ],
        minister: "Minister of Defence",
        chief: "Chief of Defence Force",
        capital: place("Wellington", -41.2865, 174.7762),
        ports: &[place("Auckland", -36.829, 174.79)],
        region: Region::AsiaPacific,
        names: &ANGLO,
        currency: "NZD",
        ship_prefix: "HMNZS",
        weight: 2.0,
    },
    Nation {
        code: "JPN",
        name: "Japan",
        adjective: "Japanese",
        forces: "Japan Self-Defense Forces",
        services: [
            "Japan Ground Self-Defense Force",
            "Japan Maritime Self-Defense Force",
            "Japan Air Self-Defense Force",
        ],
        minister: "Minister of Defense",
        chief: "Chief of Staff, Joint Staff",
        capital: place("Tokyo", 35.6762, 139.6503),
        ports: &[
            place("Yokosuka", 35.284, 139.672),
            place("Sasebo", 33.159, 129.723),
        ],
        region: Region::AsiaPacific,
        names: &JAPANESE,
        currency: "JPY",
        ship_prefix: "JS",
        weight: 3.0,
    },
    Nation {
        code: "KOR",
        name: "the Republic of Korea",
        adjective: "Korean",
        forces: "Republic of Korea Armed Forces",
        services: [
            "Republic of Korea Army",
            "Republic of Korea Navy",
            "Republic of Korea Air Force",
        ],
        minister: "Minister of National Defense",
        chief: "Chairman of the Joint Chiefs of Staff",
        capital: place("Seoul", 37.5665, 126.978),
        ports: &[
            place("Busan", 35.1, 129.04),
            place("Jinhae", 35.133, 128.675),
        ],
        region: Region::AsiaPacific,
        names: &KOREAN,
        currency: "KRW",
        ship_prefix: "ROKS",
        weight: 2.0,
    },
    Nation {
        code: "MNG",
        name: "Mongolia",
        adjective: "Mongolian",
        forces: "Mongolian Armed Forces",
        services: ["Mongolian Ground Force", "", "Mongolian Air Force"],
        minister: "Minister of Defence",
        chief: "Chief of the General Staff",
        capital: place("Ulaanbaatar", 47.8864, 106.9057),
        ports: &[],
        region: Region::AsiaPacific,
        names: &MONGOLIAN,
        currency: "MNT",
        ship_prefix: "",
        weight: 1.0,
    },
    Nation {
        code: "IND",
        name: "India",
        adjective: "Indian",
        forces: "Indian Armed Forces",
        services: ["Indian Army", "Indian Navy", "Indian Air Force"],
        minister: "Minister of Defence",
        chief: "Chief of Defence Staff",
        capital: place("New Delhi", 28.6139, 77.209),
        ports: &[
            place("Mumbai", 18.94, 72.84),
            place("Kochi", 9.967, 76.267),
            place("Visakhapatnam", 17.69, 83.29),
        ],
        region: Region::SouthAsia,
        names: &INDIAN,
        currency: "INR",
        ship_prefix: "INS",
        weight: 3.0,
    },
    Nation {
        code: "PAK",
        name: "Pakistan",
        adjective: "Pakistani",
        forces: "Pakistan Armed Forces",
        services: ["Pakistan Army", "Pakistan Navy", "Pakistan Air Force"],
        minister: "Minister of Defence",
        chief: "Chairman Joint Chiefs of Staff Committee",
        capital: place("Islamabad", 33.6844, 73.0479),
        ports: &[place("Karachi", 24.84, 66.98)],
        region: Region::SouthAsia,
        names: &PAKISTANI,
        currency: "PKR",
        ship_prefix: "PNS",
        weight: 2.0,
    },
    Nation {
        code: "KEN",
        name: "Kenya",
        adjective: "Kenyan",
        forces: "Kenya Defence Forces",
        services: ["Kenya Army", "Kenya Navy", "Kenya Air Force"],
        minister: "Cabinet Secretary for Defence",
        chief: "Chief of the Defence Forces",
        capital: place("Nairobi", -1.2921, 36.8219),
        ports: &[place("Mombasa", -4.05, 39.67)],
        region: Region::Africa,
        names: &KENYAN,
        currency: "KES",
        ship_prefix: "KNS",
        weight: 2.0,
    },
    Nation {
        code: "NGA",
        name: "Nigeria",
        adjective: "Nigerian",
        forces: "Armed Forces of Nigeria",
        services: ["Nigerian Army", "Nigerian Navy", "Nigerian Air Force"],
        minister: "Minister of Defence",
        chief: "Chief of Defence Staff",
        capital: place("Abuja", 9.0765, 7.3986),
        ports: &[place("Lagos", 6.44, 3.39)],
        region: Region::Africa,
        names: &NIGERIAN,
        currency: "NGN",
        ship_prefix: "NNS",
        weight: 2.0,
    },
    Nation {
        code: "GHA",
        name: "Ghana",
        adjective: "Ghanaian",
        forces: "Ghana Armed Forces",
        services: ["Ghana Army", "Ghana Navy", "Ghana Air Force"],
        minister: "Minister for Defence",
        chief: "Chief of the Defence Staff",
        capital: place("Accra", 5.6037, -0.187),
        ports: &[place("Tema", 5.63, 0.01)],
        region: Region::Africa,
        names: &GHANAIAN,
        currency: "GHS",
        ship_prefix: "GNS",
        weight: 1.5,
    },
    Nation {
        code: "ZAF",
        name: "South Africa",
        adjective: "South African",
        forces: "South African National Defence Force",
        services: [
            "South African Army",
            "South African Navy",
            "South African Air Force",
        ],
        minister: "Minister of Defence and Military Veterans",
        chief: "Chief of the South African National Defence Force",
        capital: place("Pretoria", -25.7479, 28.2293),
        ports: &[
            place("Simon's Town", -34.19, 18.435),
            place("Durban", -29.87, 31.03),
        ],
        region: Region::Africa,
        names: &SOUTH_AFRICAN,
        currency: "ZAR",
        ship_prefix: "SAS",
        weight: 2.0,
    },
    Nation {
        code: "EGY",
        name: "Egypt",
        adjective: "Egyptian",
        forces: "Egyptian Armed Forces",
        services: ["Egyptian Army", "Egyptian Navy", "Egyptian Air Force"],
        minister: "Minister of Defence",
        chief: "Chief of Staff of the Armed Forces",
        capital: place("Cairo", 30.0444, 31.2357),
        ports: &[place("Alexandria", 31.19, 29.88)],
        region: Region::MiddleEast,
        names: &LEVANTINE,
        currency: "EGP",
        ship_prefix: "ENS",
        weight: 2.0,
    },
    Nation {
        code: "MAR",
        name: "Morocco",
        adjective: "Moroccan",
        forces: "Moroccan Royal Armed Forces",
        services: [
            "Royal Moroccan Army",
            "Royal Moroccan Navy",
            "Royal Moroccan Air Force",
        ],
        minister: "Minister Delegate for National Defence",
        chief: "Inspector General of the Armed Forces",
        capital: place("Rabat", 34.0209, -6.8416),
        ports: &[
            place("Casablanca", 33.605, -7.615),
            place("Tangier", 35.785, -5.81),
        ],
        region: Region::MiddleEast,
        names: &MAGHREBI,
        currency: "MAD",
        ship_prefix: "",
        weight: 1.5,
    },
    Nation {
        code: "JOR",
        name: "Jordan",
        adjective: "Jordanian",
        forces: "Jordan Armed Forces",
        services: [
            "Royal Jordanian Land Force",
            "Royal Jordanian Navy",
            "Royal Jordanian Air Force",
        ],
        minister: "Minister of Defence",
        chief: "Chairman of the Joint Chiefs of Staff",
        capital: place("Amman", 31.9454, 35.9284),
        ports: &[place("Aqaba", 29.52, 35.0)],
        region: Region::MiddleEast,
        names: &LEVANTINE,
        currency: "JOD",
        ship_prefix: "",
        weight: 2.0,
    },
    Nation {
        code: "SAU",
        name: "Saudi Arabia",
        adjective: "Saudi",
        forces: "Saudi Armed Forces",
        services: [
            "Royal Saudi Land Forces",
            "Royal Saudi Naval Forces",
            "Royal Saudi Air Force",
        ],
        minister: "Minister of Defense",
        chief: "Chief of the General Staff",
        capital: place("Riyadh", 24.7136, 46.6753),
        ports: &[place("Jeddah", 21.47, 39.17)],
        region: Region::MiddleEast,
        names: &GULF,
        currency: "SAR",
        ship_prefix: "",
        weight: 2.5,
    },
    Nation {
        code: "ARE",
        name: "the United Arab Emirates",
        adjective: "Emirati",
        forces: "UAE Armed Forces",
        services: [
            "UAE Land Forces",
            "UAE Navy",
            "UAE Air Force and Air Defence",
        ],
        minister: "Minister of State for Defence Affairs",
        chief: "Chief of Staff of the Armed Forces",
        capital: place("Abu Dhabi", 24.4539, 54.3773),
        ports: &[
            place("Mina Zayed", 24.52, 54.38),
            place("Jebel Ali", 25.01, 55.06),
        ],
        region: Region::MiddleEast,
        names: &GULF,
        currency: "AED",
        ship_prefix: "",
        weight: 2.5,
    },
    Nation {
        code: "QAT",
        name: "Qatar",
        adjective: "Qatari",
        forces: "Qatar Armed Forces",
        services: [
            "Qatari Amiri Land Force",
            "Qatari Amiri Navy",
            "Qatari Amiri Air Force",
        ],
        minister: "Minister of State for Defence Affairs",
        chief: "Chief of Staff of the Armed Forces",
        capital: place("Doha", 25.2854, 51.531),
        ports: &[place("Doha", 25.29, 51.54)],
        region: Region::MiddleEast,
        names: &GULF,
        currency: "QAR",
        ship_prefix: "",
        weight: 2.0,
    },
    Nation {
        code: "BRA",
        name: "Brazil",
        adjective: "Brazilian",
        forces: "Brazilian Armed Forces",
        services: ["Brazilian Army", "Brazilian Navy", "Brazilian Air Force"],
        minister: "Minister of Defence",
        chief: "Chief of the Joint Staff of the Armed Forces",
        capital: place("Brasília", -15.7939, -47.8828),
        ports: &[place("Rio de Janeiro", -22.89, -43.18)],
        region: Region::Americas,
        names: &BRAZILIAN,
        currency: "BRL",
        ship_prefix: "",
        weight: 1.5,
    },
    Nation {
        code: "CHL",
        name: "Chile",
        adjective: "Chilean",
        forces: "Armed Forces of Chile",
        services: ["Chilean Army", "Chilean Navy", "Chilean Air Force"],
        minister: "Minister of National Defence",
        chief: "Chief of the Joint Staff",
        capital: place("Santiago", -33.4489, -70.6693),
        ports: &[place("Valparaíso", -33.03, -71.63)],
        region: Region::Americas,
        names: &HISPANIC,
        currency: "CLP",
        ship_prefix: "",
        weight: 1.0,
    },
    Nation {
        code: "COL",
        name: "Colombia",
        adjective: "Colombian",
        forces: "Military Forces of Colombia",
        services: [
            "National Army of Colombia",
            "Colombian Navy",
            "Colombian Aerospace Force",
        ],
        minister: "Minister of National Defence",
        chief: "Commander of the Military Forces",
        capital: place("Bogotá", 4.711, -74.0721),
        ports: &[place("Cartagena", 10.4, -75.53)],
        region: Region::Americas,
        names: &HISPANIC,
        currency: "COP",
        ship_prefix: "ARC",
        weight: 1.5,
    },
    Nation {
        code: "MEX",
        name: "Mexico",
        adjective: "Mexican",
        forces: "Mexican Armed Forces",
        services: ["Mexican Army", "Mexican Navy", "Mexican Air Force"],
        minister: "Secretary of National Defence",
        chief: "Chief of Staff of National Defence",
        capital: place("Mexico City", 19.4326, -99.1332),
        ports: &[place("Veracruz", 19.2, -96.13)],
        region: Region::Americas,
        names: &HISPANIC,
        currency: "MXN",
        ship_prefix: "ARM",
        weight: 1.0,
    },
];

/// Our nation when it is not in [`NATIONS`]: neutral words instead of a name.
const ANY_NATION: Nation = Nation {
    code: "",
    name: "our nation",
    adjective: "national",
    forces: "national armed forces",
    services: ["national army", "national navy", "national air force"],
    minister: "Minister of Defence",
    chief: "Chief of Defence",
    capital: place("the capital", 0.0, 0.0),
    ports: &[],
    region: Region::Europe,
    names: &ANGLO,
    currency: "USD",
    ship_prefix: "",
    weight: 1.0,
};

/// Partners whose engagement grows over the timeline, then those whose engagement fades,
/// in order of preference: the first three that are not our nation are used.
const GROWING: [&str; 5] = ["VNM", "PHL", "IND", "POL", "IDN"];
const FADING: [&str; 5] = ["EGY", "MEX", "PAK", "COL", "QAT"];

/// Close allies, to whom sensitive records are often releasable.
const CLOSE_ALLIES: [&str; 5] = ["AUS", "CAN", "GBR", "NZL", "USA"];

/// OSCE participating states among [`NATIONS`]: the Vienna Document applies between them.
const OSCE_STATES: &[&str] = &[
    "CAN", "DEU", "EST", "FRA", "GBR", "MNG", "NOR", "POL", "UKR", "USA",
];

/// A recurring multilateral meeting: who convenes it, where, who attends and who may host.
#[derive(Debug)]
struct Forum {
    org: &'static str,
    seat: Option<Place>,
    titles: &'static [&'static str],
    attendees: &'static [&'static str],
    /// States that may host in the organisation's place.
    chairs: &'static [&'static str],
}

const ADMM_PLUS: &[&str] = &[
    "AUS", "IDN", "IND", "JPN", "KOR", "MYS", "NZL", "PHL", "SGP", "THA", "USA", "VNM",
];
const ASEAN_STATES: &[&str] = &["IDN", "MYS", "PHL", "SGP", "THA", "VNM"];
const AU_STATES: &[&str] = &["EGY", "GHA", "KEN", "MAR", "NGA", "ZAF"];
const EU_STATES: &[&str] = &["DEU", "EST", "FRA", "POL"];

const FORUMS: &[Forum] = &[
    Forum {
        org: "ADMM-Plus",
        seat: None,
        titles: &[
            "ADMM-Plus Experts' Working Group on Maritime Security",
            "ADMM-Plus Experts' Working Group on Counter-Terrorism",
            "ADMM-Plus Experts' Working Group on Humanitarian Assistance and Disaster Relief",
            "ADMM-Plus Experts' Working Group on Peacekeeping Operations",
            "ADMM-Plus Experts' Working Group on Military Medicine",
            "ADMM-Plus Experts' Working Group on Humanitarian Mine Action",
            "ADMM-Plus Experts' Working Group on Cyber Security",
        ],
        attendees: ADMM_PLUS,
        chairs: ASEAN_STATES,
    },
    Forum {
        org: "ASEAN",
        seat: Some(place("ASEAN Secretariat, Jakarta", -6.2386, 106.7991)),
        titles: &[
            "ASEAN Regional Forum Inter-Sessional Meeting on Maritime Security",
            "ASEAN Regional Forum Inter-Sessional Meeting on Disaster Relief",
            "ASEAN Regional Forum Defence Officials' Dialogue",
            "ASEAN Regional Forum Heads of Defence Universities Meeting",
        ],
        attendees: &[
            "AUS", "CAN", "IDN", "IND", "JPN", "KOR", "MNG", "MYS", "NZL", "PAK", "PHL", "SGP",
            "THA", "USA", "VNM",
        ],
        chairs: ASEAN_STATES,
    },
    Forum {
        org: "NATO",
        seat: Some(place("NATO Headquarters, Brussels", 50.8797, 4.4262)),
        titles: &[
            "NATO Defence Ministers' Meeting",
            "NATO Military Committee in Chiefs of Defence Session",
            "NATO Defence Policy and Planning Committee",
            "NATO Partnership Interoperability Conference",
        ],
        attendees: &["CAN", "DEU", "EST", "FRA", "GBR", "NOR", "POL", "USA"],
        chairs: &[],
    },
    Forum {
        org: "OSCE",
        seat: Some(place("Hofburg, Vienna", 48.2066, 16.3652)),
        titles: &[
            "OSCE Forum for Security Co-operation",
            "OSCE Annual Implementation Assessment Meeting",
            "OSCE Annual Security Review Conference",
            "OSCE High-Level Military Doctrine Seminar",
        ],
        attendees: OSCE_STATES,
        chairs: &[],
    },
    Forum {
        org: "EU",
        seat: Some(place("Brussels", 50.843, 4.382)),
        titles: &[
            "EU Common Security and Defence Policy Conference",
            "EU Military Committee Partners' Session",
        ],
        attendees: &[
            "CAN", "DEU", "EST", "FRA", "GBR", "NOR", "POL", "UKR", "USA",
        ],
        chairs: EU_STATES,
    },
    Forum {
        org: "AU",
        seat: Some(place(
            "African Union Headquarters, Addis Ababa",
            9.004,
            38.748,
        )),
        titles: &[
            "AU Peace and Security Council Open Session on Maritime Security",
            "African Standby Force Training Conference",
            "AU Conference on Peace Support Operations",
        ],
        attendees: AU_STATES,
        chairs: AU_STATES,
    },
];

/// Our ships: invented names; the hull letters follow the class.
const SHIP_NAMES: [&str; 25] = [
    "Larkspur",
    "Halberd",
    "Meridian",
    "Corvina",
    "Saltire",
    "Wyvern",
    "Tamarisk",
    "Greylag",
    "Arbalest",
    "Bastion",
    "Fathom",
    "Kittiwake",
    "Nightjar",
    "Pennant",
    "Quillon",
    "Rampart",
    "Skerry",
    "Thistle",
    "Rowan",
    "Curlew",
    "Verity",
    "Zephyr",
    "Jackdaw",
    "Ibex",
    "Vantage",
];
/// (hull letter, lowest number, highest number, ships of the class), in [`SHIP_NAMES`] order.
const SHIP_CLASSES: [(&str, u32, u32, usize); 7] = [
    ("R", 10, 19, 1),
    ("D", 30, 39, 4),
    ("F", 200, 249, 9),
    ("L", 10, 19, 2),
    ("P", 200, 299, 5),
    ("H", 130, 139, 1),
    ("A", 130, 199, 3),
];
const AIRCRAFT_TYPES: [&str; 6] = [
    "A400M Atlas",
    "C-130J Hercules",
    "P-8A Poseidon",
    "A330 MRTT Voyager",
    "C-17A Globemaster",
    "Typhoon",
];
const OUR_AIRCRAFT: usize = 15;
/// Tail-number prefixes by nation; others use their code.
const TAIL_PREFIXES: [(&str, &str); 5] = [
    ("GBR", "ZM"),
    ("USA", "16-"),
    ("AUS", "A97-"),
    ("FRA", "F-RB"),
    ("CAN", "130"),
];

/// Partners' ships that visit us: (nation, name, hull number). Invented.
const PARTNER_SHIPS: [(&str, &str, &str); 14] = [
    ("USA", "USS Cedar Bluff", "DDG 139"),
    ("USA", "USS Harlan Point", "LCS 41"),
    ("FRA", "FS Lieutenant Marchal", "F 719"),
    ("AUS", "HMAS Wollemi", "FFH 160"),
    ("JPN", "JS Asanagi", "DD 120"),
    ("IND", "INS Vaitarna", "F 52"),
    ("SGP", "RSS Sentinel Bay", "72"),
    ("CAN", "HMCS Kenora Bay", "FFH 345"),
    ("NOR", "HNoMS Hardanger", "F 315"),
    ("DEU", "FGS Lüneburger Heide", "F 227"),
    ("KOR", "ROKS Hallasan", "DDG 998"),
    ("NZL", "HMNZS Rangitoto", "F 112"),
    ("MYS", "KD Bukit Raya", "F 31"),
    ("IDN", "KRI Bukit Merah", "372"),
];
/// Partners' aircraft that visit us: (nation, name, tail number). Invented.
const PARTNER_AIRCRAFT: [(&str, &str, &str); 4] = [
    ("USA", "P-8A Poseidon 169451", "169451"),
    ("AUS", "KC-30A A39-009", "A39-009"),
    ("FRA", "A400M Atlas F-RBAS", "F-RBAS"),
    ("JPN", "C-2 68-1213", "68-1213"),
];

/// Exercise names: a bilateral series per partner takes one word of each.
const EXERCISE_FIRST: [&str; 18] = [
    "Coral", "Silver", "Northern", "Southern", "Golden", "Iron", "Steel", "Jade", "Amber",
    "Cobalt", "Granite", "Crimson", "Emerald", "Sapphire", "Ivory", "Copper", "Eastern", "Western",
];
/// Seventeen, prime to eighteen, so that every partner gets a different pair.
const EXERCISE_SECOND: [&str; 17] = [
    "Lantern", "Sentinel", "Trident", "Harbour", "Horizon", "Compass", "Anchor", "Beacon",
    "Falcon", "Shield", "Spear", "Lotus", "Monsoon", "Tide", "Ridge", "Arrow", "Keystone",
];

fn regional_exercises(region: Region) -> &'static [&'static str] {
    match region {
        Region::SouthEastAsia => &["Monsoon Compass", "Jade Harbour"],
        Region::AsiaPacific => &["Southern Trident", "Pacific Lantern"],
        Region::SouthAsia => &["Indigo Tide"],
        Region::Africa => &["Acacia Shield", "Savanna Beacon"],
        Region::MiddleEast => &["Desert Falcon", "Gulf Anchor"],
        Region::Americas => &["Andes Compass", "Caribbean Keystone"],
        Region::Europe => &["Baltic Sentinel", "Northern Spear"],
    }
}

/// Which service a training topic is for.
#[derive(Debug, Clone, Copy)]
enum Service {
    Army,
    Navy,
    AirForce,
    Joint,
}

const TRAINING_TOPICS: [(&str, Service); 10] = [
    ("Maritime security", Service::Navy),
    ("Peacekeeping", Service::Army),
    ("English-language", Service::Joint),
    ("Counter-IED", Service::Army),
    ("Military medicine", Service::Joint),
    ("Cyber defence", Service::Joint),
    (
        "Humanitarian assistance and disaster relief",
        Service::Joint,
    ),
    ("Law of armed conflict", Service::Joint),
    ("Search and rescue", Service::AirForce),
    ("Air safety", Service::AirForce),
];

/// What each category looks like: how common, when, how long, what it costs, why.
#[derive(Debug)]
struct CategorySpec {
    category: Category,
    weight: f64,
    /// Whether exercise-style seasons apply (spring and autumn), else the office year.
    exercise_season: bool,
    cost_chance: f64,
    /// Pounds.
    cost_range: (i64, i64),
    aims: &'static [StandingAim],
    descriptions: &'static [&'static str],
    outcomes: &'static [&'static str],
}

const CATEGORIES: [CategorySpec; 12] = [
    CategorySpec {
        category: Category::PersonnelExchange,
        weight: 8.0,
        exercise_season: false,
        cost_chance: 0.5,
        cost_range: (2_000, 40_000),
        aims: &[StandingAim::BuildTrust, StandingAim::AccountableForces],
        descriptions: &[
            "Exchange of officers to share doctrine, training practice and language skills.",
            "Placement on a staff course, with a reciprocal place offered.",
        ],
        outcomes: &[
            "Exchange officer integrated well; host asked to continue the post next cycle.",
            "Reciprocal place confirmed for next year's staff course.",
        ],
    },
    CategorySpec {
        category: Category::ShipVisit,
        weight: 10.0,
        exercise_season: false,
        cost_chance: 0.7,
        cost_range: (15_000, 180_000),
        aims: &[StandingAim::BuildTrust, StandingAim::ConflictPrevention],
        descriptions: &[
            "Port call with a reception on board, ship tours for local officials and a passage exercise on departure.",
            "Logistic stop and defence engagement programme: deck reception, sports fixtures and a maritime security seminar.",
        ],
        outcomes: &[
            "Reception well attended by {adj} naval leadership; passage exercise completed on departure.",
            "Clearance granted on time; positive local media coverage of the visit.",
        ],
    },
    CategorySpec {
        category: Category::AircraftVisit,
        weight: 6.0,
        exercise_season: false,
        cost_chance: 0.6,
        cost_range: (8_000, 90_000),
        aims: &[StandingAim::BuildTrust],
        descriptions: &[
            "Aircraft visit with a static display and aircrew exchanges with host air staff.",
            "Training flight and landing, with a briefing for host air force officers.",
        ],
        outcomes: &[
            "Diplomatic clearance granted; aircrew exchange visited by {adj} air staff.",
            "Static display drew senior interest; follow-on air staff talks proposed.",
        ],
    },
    CategorySpec {
        category: Category::HighLevelEngagement,
        weight: 5.0,
        exercise_season: false,
        cost_chance: 0.6,
        cost_range: (4_000, 45_000),
        aims: &[StandingAim::BuildTrust, StandingAim::ConflictPrevention],
        descriptions: &[
            "Senior-level visit with calls on ministers and service chiefs.",
            "Senior-level visit with a joint statement on defence cooperation.",
        ],
        outcomes: &[
            "Joint statement agreed; both sides committed to annual defence dialogue.",
            "Warm reception at senior level; {adj} side proposed expanding training cooperation.",
        ],
    },
    CategorySpec {
        category: Category::BilateralMeeting,
        weight: 13.0,
        exercise_season: false,
        cost_chance: 0.3,
        cost_range: (500, 6_000),
        aims: &[StandingAim::BuildTrust, StandingAim::ConflictPrevention],
        descriptions: &[
            "Bilateral meeting to review the engagement plan and agree next steps.",
            "Call to discuss regional security and forthcoming activities.",
        ],
        outcomes: &[
            "Engagement plan for next year agreed in outline.",
            "Useful exchange on regional security; follow-up letter sent.",
        ],
    },
    CategorySpec {
        category: Category::StaffTalks,
        weight: 14.0,
        exercise_season: false,
        cost_chance: 0.5,
        cost_range: (1_500, 15_000),
        aims: &[StandingAim::BuildTrust, StandingAim::ConflictPrevention],
        descriptions: &[
            "Annual staff talks reviewing cooperation, exercises and training opportunities.",
            "Staff talks to agree the programme of activities for the coming year.",
        ],
        outcomes: &[
            "Programme of activities for next year agreed and signed by both heads of delegation.",
            "Agreed minutes signed; two new training activities added to the plan.",
        ],
    },
    CategorySpec {
        category: Category::Training,
        weight: 13.0,
        exercise_season: false,
        cost_chance: 0.7,
        cost_range: (5_000, 120_000),
        aims: &[
            StandingAim::AccountableForces,
            StandingAim::SecuritySectorReform,
            StandingAim::BuildTrust,
        ],
        descriptions: &[
            "Course delivered by a short-term training team, with human-rights and law of armed conflict modules.",
            "Train-the-trainer course so the host can run it on its own.",
        ],
        outcomes: &[
            "All {adj} students passed; two identified as future instructors.",
            "Course delivered as planned; host will run the next iteration with our mentoring.",
        ],
    },
    CategorySpec {
        category: Category::Exercise,
        weight: 8.0,
        exercise_season: true,
        cost_chance: 0.75,
        cost_range: (40_000, 1_500_000),
        aims: &[StandingAim::BuildTrust, StandingAim::ConflictPrevention],
        descriptions: &[
            "Field and command-post exercise to build interoperability and trust.",
            "Combined exercise with humanitarian assistance and disaster relief serials.",
        ],
        outcomes: &[
            "Exercise met its training objectives; interoperability lessons passed to the joint staff.",
            "All serials completed; {adj} forces proposed to co-host the next iteration.",
        ],
    },
    CategorySpec {
        category: Category::RegionalForum,
        weight: 7.0,
        exercise_season: false,
        cost_chance: 0.4,
        cost_range: (2_000, 25_000),
        aims: &[
            StandingAim::ConflictPrevention,
            StandingAim::BuildTrust,
            StandingAim::DispelHostility,
        ],
        descriptions: &[
            "Multilateral meeting; national statement delivered and side meetings held.",
            "Working-level multilateral meeting on practical cooperation.",
        ],
        outcomes: &[
            "National statement delivered; bilateral side meetings held with three delegations.",
            "Work plan for the next cycle adopted by consensus.",
        ],
    },
    CategorySpec {
        category: Category::Outreach,
        weight: 8.0,
        exercise_season: false,
        cost_chance: 0.5,
        cost_range: (500, 12_000),
        aims: &[StandingAim::BuildTrust, StandingAim::DispelHostility],
        descriptions: &[
            "Public-facing event to build understanding of defence cooperation.",
            "Event for alumni of our courses and local opinion formers.",
        ],
        outcomes: &[
            "Well attended; good coverage in {adj} media.",
            "Alumni network contacts updated; two requests for course places received.",
        ],
    },
    CategorySpec {
        category: Category::Csbm,
        weight: 4.0,
        exercise_season: false,
        cost_chance: 0.5,
        cost_range: (3_000, 20_000),
        aims: &[
            StandingAim::ConflictPrevention,
            StandingAim::DispelHostility,
            StandingAim::BuildTrust,
        ],
        descriptions: &[
            "Confidence- and security-building measure under agreed transparency arrangements.",
            "Verification activity with briefings by the host and a visit to the specified area.",
        ],
        outcomes: &[
            "Completed within the agreed arrangements; no concerns raised.",
            "Host briefings were full and open; report filed with the verification centre.",
        ],
    },
    CategorySpec {
        category: Category::NonProliferation,
        weight: 4.0,
        exercise_season: false,
        cost_chance: 0.5,
        cost_range: (3_000, 40_000),
        aims: &[StandingAim::NonProliferation],
        descriptions: &[
            "Cooperation to prevent the proliferation of weapons of mass destruction and their means of delivery.",
            "Workshop on export controls and the interdiction of proliferation-sensitive goods.",
        ],
        outcomes: &[
            "{adj} officials asked for follow-on export-control training.",
            "Table-top scenario completed; gaps in inter-agency procedures identified.",
        ],
    },
];

/// Outcomes any category may have.
const GENERIC_OUTCOMES: [&str; 4] = [
    "Objectives met; relationship judged warmer than at the last engagement.",
    "Good access at senior level; {adj} counterparts asked for a follow-on activity.",
    "Partly met: discussions constructive, but no date agreed for the follow-up.",
    "Both sides agreed to meet again next year; actions recorded by the regional desk.",
];

/// Month weights for most business: a summer lull and a short December.
const OFFICE_YEAR: [f64; 12] = [
    0.85, 1.0, 1.15, 1.1, 1.15, 1.1, 0.9, 0.3, 1.1, 1.2, 1.15, 0.7,
];
/// Month weights for exercises: spring and autumn, little in winter and August.
const EXERCISE_YEAR: [f64; 12] = [0.25, 0.5, 1.7, 2.0, 1.6, 0.5, 0.3, 0.1, 1.6, 2.0, 1.4, 0.15];
/// Chance that a date drawn after 19 December is kept: the holidays empty the diary.
const LATE_DECEMBER_KEEP: f64 = 0.15;

/// Which partners an objective suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suits {
    Any,
    /// Partners with a navy.
    Maritime,
    /// Established allies: interoperability, not reform.
    Allies,
    /// Partners whose forces we help develop.
    Others,
}

/// Established allies, with whom engagement is about working together rather than reform.
const ALLIES: [&str; 13] = [
    "AUS", "CAN", "DEU", "EST", "FRA", "GBR", "JPN", "KOR", "NOR", "NZL", "POL", "SGP", "USA",
];

impl Suits {
    fn nation(self, nation: &Nation) -> bool {
        match self {
            Suits::Any => true,
            Suits::Maritime => has_navy(nation),
            Suits::Allies => ALLIES.contains(&nation.code),
            Suits::Others => !ALLIES.contains(&nation.code),
        }
    }
}

/// An indicator: its name, the range of its baseline and the range of the target's gain.
type IndicatorTemplate = (&'static str, (i64, i64), (i64, i64));

/// A partner's objective: its title (with `{name}` or `{forces}`), aim, indicators (name,
/// baseline range, gain range) and which partners it suits.
#[derive(Debug)]
struct ObjectiveTemplate {
    title: &'static str,
    aim: StandingAim,
    indicators: &'static [IndicatorTemplate],
    suits: Suits,
}

const OBJECTIVE_TEMPLATES: [ObjectiveTemplate; 8] = [
    ObjectiveTemplate {
        title: "Deepen maritime security cooperation with {name}",
        aim: StandingAim::BuildTrust,
        indicators: &[
            ("Port visits a year", (0, 3), (2, 4)),
            ("Maritime staff talks a year", (0, 1), (1, 2)),
        ],
        suits: Suits::Maritime,
    },
    ObjectiveTemplate {
        title: "Support the professionalisation of the {forces}",
        aim: StandingAim::AccountableForces,
        indicators: &[
            ("Officers trained a year", (10, 40), (20, 60)),
            ("Courses run by the host on its own", (0, 2), (1, 3)),
        ],
        suits: Suits::Others,
    },
    ObjectiveTemplate {
        title: "Strengthen senior defence dialogue with {name}",
        aim: StandingAim::BuildTrust,
        indicators: &[
            ("Senior visits a year", (0, 2), (1, 3)),
            ("Staff talks rounds a year", (0, 1), (1, 2)),
        ],
        suits: Suits::Any,
    },
    ObjectiveTemplate {
        title: "Support defence reform and civilian oversight in {name}",
        aim: StandingAim::SecuritySectorReform,
        indicators: &[
            ("Reform workshops a year", (0, 2), (2, 4)),
            ("Parliamentary staff trained", (0, 10), (10, 30)),
        ],
        suits: Suits::Others,
    },
    ObjectiveTemplate {
        title: "Build regional crisis-response capacity with {name}",
        aim: StandingAim::ConflictPrevention,
        indicators: &[
            ("Combined exercises a year", (0, 2), (1, 3)),
            ("Peacekeepers trained a year", (0, 100), (50, 200)),
        ],
        suits: Suits::Any,
    },
    ObjectiveTemplate {
        title: "Strengthen export controls and counter-proliferation with {name}",
        aim: StandingAim::NonProliferation,
        indicators: &[
            ("Export-control officials trained a year", (0, 20), (10, 40)),
            ("Counter-proliferation workshops a year", (0, 1), (1, 2)),
        ],
        suits: Suits::Any,
    },
    ObjectiveTemplate {
        title: "Reduce military tension through transparency with {name}",
        aim: StandingAim::DispelHostility,
        indicators: &[
            ("Confidence-building events a year", (0, 2), (2, 4)),
            ("Military hotline tests a year", (0, 2), (4, 6)),
        ],
        suits: Suits::Others,
    },
    ObjectiveTemplate {
        title: "Deepen interoperability with the {forces}",
        aim: StandingAim::BuildTrust,
        indicators: &[
            ("Combined exercises a year", (1, 3), (1, 3)),
            ("Exchange officers in post", (1, 4), (1, 3)),
        ],
        suits: Suits::Allies,
    },
];

// ---------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------

/// Draws from one ChaCha stream. Sampling is done here from raw `u64`s, not with rand's
/// distributions, so the data cannot change with an upgrade of rand.
struct Dice(ChaCha8Rng);

impl Dice {
    fn new(key: [u8; 32], stream: u64) -> Dice {
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(stream);
        Dice(rng)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.0.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).max(0) as usize + 1;
        lo + self.below(span) as i64
    }

    /// A number in `[0, 1)` with 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        items.get(self.below(items.len())).copied()
    }

    /// A text from a table; "" only if the table is empty.
    fn text(&mut self, items: &[&'static str]) -> &'static str {
        self.pick(items).unwrap_or_default()
    }

    /// One item of a ", "-separated list.
    fn part(&mut self, list: &'static str) -> &'static str {
        let i = self.below(list.split(", ").count());
        list.split(", ").nth(i).unwrap_or_default()
    }

    /// An index drawn in proportion to the weights; never one whose weight is zero
    /// unless all are.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
    }

    /// `k` different items of `pool`, in draw order (a partial Fisher–Yates shuffle).
    fn several(&mut self, mut pool: Vec<usize>, k: usize) -> Vec<usize> {
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

// ---------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------

/// How a partner's share of engagement moves over the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trend {
    Steady,
    Growing,
    Fading,
}

impl Trend {
    /// The factor on the partner's weight in year `t` of the timeline (0 = first).
    fn factor(self, t: usize) -> f64 {
        match self {
            Trend::Steady => 1.0,
            Trend::Growing => geometric(0.25, 1.5, t),
            Trend::Fading => geometric(3.2, 0.6, t),
        }
    }

    /// The factor relative to its peak over the timeline: 1 at best, less out of favour.
    fn keenness(self, t: usize) -> f64 {
        let last = YEAR_WEIGHTS.len() - 1;
        let peak = self.factor(0).max(self.factor(last));
        self.factor(t) / peak
    }
}

/// `first * ratio^t` by repeated multiplication: unlike `powf`, whose last bit may vary
/// by platform, it gives the same weights, and so the same data, everywhere.
fn geometric(first: f64, ratio: f64, t: usize) -> f64 {
    (0..t).fold(first, |acc, _| acc * ratio)
}

#[derive(Debug)]
struct Partner {
    nation: &'static Nation,
    /// Row in [`NATIONS`]: names exercise series the same whoever our nation is.
    row: usize,
    code: PartnerCode,
    objectives: Vec<String>,
    trend: Trend,
}

/// A forum as it applies to this plan: its attendees and chairs among our partners.
#[derive(Debug)]
struct ForumPlan {
    forum: &'static Forum,
    org: PartnerCode,
    attendees: Vec<usize>,
    chairs: Vec<usize>,
    our_role: Role,
}

/// Everything an activity is drawn from; shared by the plan and its activity streams.
#[derive(Debug)]
struct World {
    key: [u8; 32],
    today: NaiveDate,
    first_year: i32,
    us: PartnerCode,
    home: &'static Nation,
    partners: Vec<Partner>,
    /// Per year of the timeline, each partner's weight: base times trend.
    year_weights: Vec<Vec<f64>>,
    our_ships: Vec<String>,
    our_aircraft: Vec<String>,
    /// (partner, name) of partner ships and aircraft that visit us.
    partner_ships: Vec<(usize, String)>,
    partner_aircraft: Vec<(usize, String)>,
    forums: Vec<ForumPlan>,
}

/// A deterministic demo register: reference records and a lazy stream of activities.
#[derive(Debug, Clone)]
pub struct DemoPlan {
    world: Arc<World>,
    seed: u64,
    size: usize,
    objectives: Vec<Objective>,
    people: Vec<Person>,
    assets: Vec<Asset>,
    agreements: Vec<Agreement>,
}

impl DemoPlan {
    /// `our_nation` is the nation running the instance (e.g. GBR); `today` anchors the
    /// timeline: activities start from 1 January five years before today's year to the end
    /// of next year, with statuses that follow the dates relative to `today`. `size` is the
    /// number of activities.
    pub fn new(seed: u64, size: usize, today: NaiveDate, our_nation: PartnerCode) -> DemoPlan {
        let key = ChaCha8Rng::seed_from_u64(seed).get_seed();
        let home = NATIONS
            .iter()
            .find(|n| n.code == our_nation.as_str())
            .unwrap_or(&ANY_NATION);
        let mut partners = partners_for(&our_nation);
        let objectives = make_objectives(&mut Dice::new(key, STREAM_OBJECTIVES), &mut partners);
        let people = make_people(
            &mut Dice::new(key, STREAM_PEOPLE),
            &partners,
            home,
            &our_nation,
        );
        let fleet = make_fleet(
            &mut Dice::new(key, STREAM_ASSETS),
            &partners,
            home,
            &our_nation,
        );
        let agreements = make_agreements(
            &mut Dice::new(key, STREAM_AGREEMENTS),
            &partners,
            home,
            &our_nation,
            today,
        );
        let year_weights = year_weights(&partners);
        let forums = plan_forums(&partners, &our_nation);
        let world = World {
            key,
            today,
            first_year: today.year() - YEARS_BEFORE,
            us: our_nation,
            home,
            partners,
            year_weights,
            our_ships: fleet.our_ships,
            our_aircraft: fleet.our_aircraft,
            partner_ships: fleet.partner_ships,
            partner_aircraft: fleet.partner_aircraft,
            forums,
        };
        DemoPlan {
            world: Arc::new(world),
            seed,
            size,
            objectives,
            people,
            assets: fleet.assets,
            agreements,
        }
    }

    /// The day the timeline is anchored on.
    pub fn today(&self) -> NaiveDate {
        self.world.today
    }

    /// A random stream of its own (by number), for what is added beside the activities.
    pub(crate) fn stream(&self, stream: u64) -> ChaCha8Rng {
        Dice::new(self.world.key, stream).0
    }

    /// The partner states the demo uses, never our nation. Forums also use the
    /// organisations in [`ORGANISATIONS`].
    pub fn partners(&self) -> Vec<PartnerCode> {
        self.world.partners.iter().map(|p| p.code.clone()).collect()
    }

    /// One or two objectives per partner (`SGP-1`, `SGP-2`), each serving a standing aim.
    pub fn objectives(&self) -> Vec<Objective> {
        self.objectives.clone()
    }

    /// Each partner's minister, chief of defence and defence attaché; our minister, chief
    /// of defence and attachés. Invented names.
    pub fn people(&self) -> Vec<Person> {
        self.people.clone()
    }

    /// Our ships and aircraft, and some partners' ships and aircraft. Invented names.
    pub fn assets(&self) -> Vec<Asset> {
        self.assets.clone()
    }

    /// A memorandum of understanding or cooperation agreement with most partners.
    pub fn agreements(&self) -> Vec<Agreement> {
        self.agreements.clone()
    }

    /// The activities, made one at a time: memory does not grow with the size. The same
    /// seed, today and nation give the same sequence, and a larger size only adds to it.
    pub fn activities(&self) -> impl Iterator<Item = Activity> + Send + 'static {
        Activities {
            world: Arc::clone(&self.world),
            next: 0,
            end: self.size as u64,
        }
    }
}

impl fmt::Display for DemoPlan {
    /// What identifies the data set: "seed 7 for GBR as of 2026-06-15".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "seed {} for {} as of {}",
            self.seed, self.world.us, self.world.today
        )
    }
}

/// The lazy activity stream; each activity comes from its own numbered ChaCha stream.
struct Activities {
    world: Arc<World>,
    next: u64,
    end: u64,
}

impl Iterator for Activities {
    type Item = Activity;

    fn next(&mut self) -> Option<Activity> {
        (self.next < self.end).then(|| {
            let activity = self.world.activity(self.next);
            self.next += 1;
            activity
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.end - self.next).unwrap_or(usize::MAX);
        (left, Some(left))
    }

    /// Skipping is free: activity n does not depend on those before it.
    fn nth(&mut self, n: usize) -> Option<Activity> {
        self.next = self.next.saturating_add(n as u64).min(self.end);
        self.next()
    }
}

// ---------------------------------------------------------------------------------------
// Reference records
// ---------------------------------------------------------------------------------------

fn code(raw: &str) -> Option<PartnerCode> {
    PartnerCode::parse("code", raw).ok()
}

fn partners_for(us: &PartnerCode) -> Vec<Partner> {
    NATIONS
        .iter()
        .enumerate()
        .filter(|(_, n)| n.code != us.as_str())
        .filter_map(|(row, nation)| {
            Some(Partner {
                nation,
                row,
                code: code(nation.code)?,
                objectives: Vec::new(),
                trend: trend_of(nation.code, us),
            })
        })
        .collect()
}

fn trend_of(partner: &str, us: &PartnerCode) -> Trend {
    let first_three = |list: &[&str]| {
        list.iter()
            .filter(|c| **c != us.as_str())
            .take(3)
            .any(|c| *c == partner)
    };
    if first_three(&GROWING) {
        Trend::Growing
    } else if first_three(&FADING) {
        Trend::Fading
    } else {
        Trend::Steady
    }
}

fn year_weights(partners: &[Partner]) -> Vec<Vec<f64>> {
    (0..YEAR_WEIGHTS.len())
        .map(|t| {
            partners
                .iter()
                .map(|p| p.nation.weight * p.trend.factor(t))
                .collect()
        })
        .collect()
}

fn plan_forums(partners: &[Partner], us: &PartnerCode) -> Vec<ForumPlan> {
    let among = |codes: &[&str]| -> Vec<usize> {
        partners
            .iter()
            .enumerate()
            .filter(|(_, p)| codes.contains(&p.nation.code))
            .map(|(i, _)| i)
            .collect()
    };
    FORUMS
        .iter()
        .filter_map(|forum| {
            let attendees = among(forum.attendees);
            // A chair hosts, so at least three others must remain to attend.
            (attendees.len() >= 4).then_some(())?;
            Some(ForumPlan {
                forum,
                org: code(forum.org)?,
                attendees,
                chairs: among(forum.chairs),
                our_role: if forum.attendees.contains(&us.as_str()) {
                    Role::Guest
                } else {
                    Role::Observer
                },
            })
        })
        .collect()
}

fn fill(template: &str, nation: &Nation) -> String {
    template
        .replace("{name}", nation.name)
        .replace("{adj}", nation.adjective)
        .replace("{forces}", nation.forces)
}

fn has_navy(nation: &Nation) -> bool {
    !nation.services[1].is_empty()
}

fn make_objectives(d: &mut Dice, partners: &mut [Partner]) -> Vec<Objective> {
    let mut all = Vec::new();
    for partner in partners.iter_mut() {
        let fits: Vec<&ObjectiveTemplate> = OBJECTIVE_TEMPLATES
            .iter()
            .filter(|t| t.suits.nation(partner.nation))
            .collect();
        let how_many = if d.chance(0.5) { 2 } else { 1 };
        let chosen = d.several((0..fits.len()).collect(), how_many);
        for (k, template) in chosen.iter().filter_map(|i| fits.get(*i)).enumerate() {
            let code = format!("{}-{}", partner.nation.code, k + 1);
            let count = if d.chance(0.5) { 2 } else { 1 };
            let indicators = template
                .indicators
                .iter()
                .take(count)
                .map(|(name, base, gain)| {
                    let baseline = d.between(base.0, base.1);
                    Indicator {
                        name: (*name).to_owned(),
                        baseline: baseline as f64,
                        target: (baseline + d.between(gain.0, gain.1)) as f64,
                    }
                })
                .collect();
            partner.objectives.push(code.clone());
            all.push(Objective {
                code,
                title: fill(template.title, partner.nation),
                aim: template.aim,
                partner: Some(partner.code.clone()),
                indicators,
                label: SecurityLabel::default(),
            });
        }
    }
    all
}

/// An invented name from the nation's name parts, not yet in `taken`.
fn person_name(d: &mut Dice, group: &NameGroup, taken: &mut HashSet<String>) -> String {
    let mut name = String::new();
    for _ in 0..20 {
        let (given, family) = (d.part(group.given), d.part(group.family));
        name = if group.family_first {
            format!("{family} {given}")
        } else {
            format!("{given} {family}")
        };
        if taken.insert(name.clone()) {
            break;
        }
    }
    name
}

const CHIEF_RANKS: [&str; 3] = ["General", "Admiral", "Air Chief Marshal"];
const ATTACHE_RANKS: [&str; 5] = [
    "Colonel",
    "Brigadier",
    "Captain",
    "Commodore",
    "Group Captain",
];

fn make_people(d: &mut Dice, partners: &[Partner], home: &Nation, us: &PartnerCode) -> Vec<Person> {
    let mut taken = HashSet::new();
    let mut person =
        |d: &mut Dice, group, title: &str, role: String, nation: &PartnerCode| Person {
            name: person_name(d, group, &mut taken),
            title: title.to_owned(),
            role,
            nation: nation.clone(),
            label: SecurityLabel::default(),
        };
    let minister = person(d, home.names, "The Hon.", home.minister.to_owned(), us);
    let rank = d.text(&CHIEF_RANKS);
    let chief = person(d, home.names, rank, home.chief.to_owned(), us);
    let mut people = vec![minister, chief];
    for p in partners {
        let n = p.nation;
        people.push(person(d, n.names, "H.E.", n.minister.to_owned(), &p.code));
        let rank = d.text(&CHIEF_RANKS);
        people.push(person(d, n.names, rank, n.chief.to_owned(), &p.code));
        let rank = d.text(&ATTACHE_RANKS);
        let role = format!("Defence Attaché in {}", home.capital.name);
        people.push(person(d, n.names, rank, role, &p.code));
        // Smaller posts are covered by an attaché accredited from a neighbouring capital.
        if d.chance(0.7) {
            let rank = d.text(&ATTACHE_RANKS);
            let role = format!("Defence Attaché in {}", n.capital.name);
            people.push(person(d, home.names, rank, role, us));
        }
    }
    people
}

struct Fleet {
    assets: Vec<Asset>,
    our_ships: Vec<String>,
    our_aircraft: Vec<String>,
    partner_ships: Vec<(usize, String)>,
    partner_aircraft: Vec<(usize, String)>,
}

fn vessel_name(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix} {name}")
    }
}

fn asset(name: &str, kind: AssetKind, identifier: String, nation: &PartnerCode) -> Asset {
    Asset {
        name: name.to_owned(),
        kind,
        identifier,
        nation: nation.clone(),
        label: SecurityLabel::default(),
    }
}

/// A number in `lo..=hi` not yet in `used` (or the lowest free one).
fn fresh_number(d: &mut Dice, lo: i64, hi: i64, used: &mut HashSet<i64>) -> i64 {
    let mut n = d.between(lo, hi);
    while used.contains(&n) {
        n += 1;
    }
    used.insert(n);
    n
}

fn make_fleet(d: &mut Dice, partners: &[Partner], home: &Nation, us: &PartnerCode) -> Fleet {
    let mut assets = Vec::new();
    let mut our_ships = Vec::new();
    let mut names = SHIP_NAMES.iter();
    for (letter, lo, hi, count) in SHIP_CLASSES {
        let mut used = HashSet::new();
        for name in names.by_ref().take(count) {
            let hull = format!(
                "{letter}{}",
                fresh_number(d, lo.into(), hi.into(), &mut used)
            );
            let name = vessel_name(home.ship_prefix, name);
            assets.push(asset(&name, AssetKind::Ship, hull, us));
            our_ships.push(name);
        }
    }
    let tail_prefix = TAIL_PREFIXES
        .iter()
        .find(|(c, _)| *c == us.as_str())
        .map_or_else(|| format!("{us}-"), |(_, p)| (*p).to_owned());
    let mut our_aircraft = Vec::new();
    let mut used = HashSet::new();
    for i in 0..OUR_AIRCRAFT {
        let kind = AIRCRAFT_TYPES[i % AIRCRAFT_TYPES.len()];
        let tail = format!("{tail_prefix}{}", fresh_number(d, 100, 999, &mut used));
        let name = format!("{kind} {tail}");
        assets.push(asset(&name, AssetKind::Aircraft, tail, us));
        our_aircraft.push(name);
    }
    let mut visiting = |table: &[(&str, &str, &str)], kind| {
        let mut found = Vec::new();
        for (nation, name, id) in table {
            if let Some(i) = partners.iter().position(|p| p.nation.code == *nation) {
                assets.push(asset(name, kind, (*id).to_owned(), &partners[i].code));
                found.push((i, (*name).to_owned()));
            }
        }
        found
    };
    let partner_ships = visiting(&PARTNER_SHIPS, AssetKind::Ship);
    let partner_aircraft = visiting(&PARTNER_AIRCRAFT, AssetKind::Aircraft);
    Fleet {
        assets,
        our_ships,
        our_aircraft,
        partner_ships,
        partner_aircraft,
    }
}

fn make_agreements(
    d: &mut Dice,
    partners: &[Partner],
    home: &Nation,
    us: &PartnerCode,
    today: NaiveDate,
) -> Vec<Agreement> {
    let mut all = Vec::new();
    for p in partners {
        if !d.chance(0.8) {
            continue;
        }
        let (kind, title) = match d.below(10) {
            0..=5 => (
                AgreementKind::Mou,
                "Memorandum of Understanding on Defence Cooperation",
            ),
            6..=8 => (
                AgreementKind::DefenceCooperation,
                "Defence Cooperation Agreement",
            ),
            _ => (AgreementKind::StatusOfForces, "Status of Forces Agreement"),
        };
        let signed = days_before(today, d.between(365, 25 * 365));
        let in_force = d
            .chance(0.7)
            .then(|| days_after(signed, d.between(0, 120)).min(today));
        let expiry = d
            .chance(0.35)
            .then(|| days_after(signed, 365 * d.between(5, 10)));
        all.push(Agreement {
            kind,
            title: format!("{title} between {} and {}", home.name, p.nation.name),
            parties: vec![us.clone(), p.code.clone()],
            signed,
            in_force,
            expiry,
            label: SecurityLabel::default(),
        });
    }
    all
}

fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_days(Days::new(days.max(0) as u64))
        .unwrap_or(date)
}

fn days_before(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_sub_days(Days::new(days.max(0) as u64))
        .unwrap_or(date)
}

// ---------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------

/// Who takes part: us, a partner (by index) or a forum's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Us,
    Partner(usize),
    Forum(usize),
}

/// What a category's drawing decides: everything but dates, status, cost and label.
struct Shape {
    title: String,
    host: Who,
    others: Vec<(Who, Role)>,
    location: Option<Location>,
    assets: Vec<String>,
    /// The partner whose plan objectives the activity may serve.
    focus: Option<usize>,
    /// Length in days after the start day.
    days: i64,
}

impl Shape {
    /// The common case: one partner and us, one hosting.
    fn bilateral(title: String, host: Who, guest: Who, location: Location, days: i64) -> Shape {
        let focus = match (host, guest) {
            (Who::Partner(p), _) | (_, Who::Partner(p)) => Some(p),
            _ => None,
        };
        Shape {
            title,
            host,
            others: vec![(guest, Role::Guest)],
            location: Some(location),
            assets: Vec::new(),
            focus,
            days,
        }
    }
}

fn at(place: Place, with_coordinates: bool) -> Location {
    Location {
        name: place.name.to_owned(),
        coordinates: with_coordinates.then_some((place.lat, place.lon)),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (NaiveDate::from_ymd_opt(year, month, 1), next) {
        (Some(first), Some(next)) => (next - first).num_days() as u32,
        _ => 28,
    }
}

fn status_for(d: &mut Dice, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Status {
    use Status::*;
    let roll = d.unit();
    let pick = |table: &[(f64, Status)]| {
        let mut acc = 0.0;
        for (p, status) in table {
            acc += p;
            if roll < acc {
                return *status;
            }
        }
        table.last().map_or(Planned, |(_, s)| *s)
    };
    if end < today {
        // Older activities have had time to be assessed.
        let ago = (today - end).num_days();
        let assessed = match ago {
            0..=60 => 0.1,
            61..=180 => 0.35,
            _ => 0.65,
        };
        pick(&[
            (0.08, Cancelled),
            (0.02, Postponed),
            (assessed * 0.9, Assessed),
            (1.0, Completed),
        ])
    } else if start <= today {
        pick(&[(0.95, Approved), (1.0, Postponed)])
    } else {
        match (start - today).num_days() {
            0..=90 => pick(&[
                (0.6, Approved),
                (0.28, Planned),
                (0.06, Postponed),
                (1.0, Cancelled),
            ]),
            91..=365 => pick(&[
                (0.5, Planned),
                (0.15, Approved),
                (0.25, Proposed),
                (0.05, Postponed),
                (1.0, Cancelled),
            ]),
            _ => pick(&[(0.55, Proposed), (0.38, Planned), (1.0, Postponed)]),
        }
    }
}

impl World {
    fn nation_of(&self, who: Who) -> &'static Nation {
        match who {
            Who::Partner(i) => self.partners.get(i).map_or(&ANY_NATION, |p| p.nation),
            Who::Us | Who::Forum(_) => self.home,
        }
    }

    fn code_of(&self, who: Who) -> PartnerCode {
        match who {
            Who::Us => self.us.clone(),
            Who::Partner(i) => self
                .partners
                .get(i)
                .map_or_else(|| self.us.clone(), |p| p.code.clone()),
            Who::Forum(i) => self
                .forums
                .get(i)
                .map_or_else(|| self.us.clone(), |f| f.org.clone()),
        }
    }

    fn calendar_year(&self, year: usize) -> i32 {
        self.first_year + year as i32
    }

    /// `fewest..=most` different partners of `pool` (fewer only if the pool is smaller),
    /// drawn by this year's weights, so that trends show in multilateral activities too.
    fn draw_among(
        &self,
        d: &mut Dice,
        year: usize,
        pool: Vec<usize>,
        fewest: usize,
        most: usize,
    ) -> Vec<usize> {
        // In a small pool nearly everyone is drawn, so partners out of favour this year
        // also stay away in proportion to their trend.
        let keen: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|i| {
                let keenness = self
                    .partners
                    .get(*i)
                    .map_or(1.0, |p| p.trend.keenness(year));
                d.chance(keenness)
            })
            .collect();
        let mut pool = if keen.len() >= fewest { keen } else { pool };
        let k = d.between(fewest as i64, most.min(pool.len()) as i64) as usize;
        let base = self.year_weights.get(year).map_or(&[][..], Vec::as_slice);
        let mut chosen = Vec::with_capacity(k);
        while chosen.len() < k && !pool.is_empty() {
            let weights: Vec<f64> = pool
                .iter()
                .map(|i| base.get(*i).copied().unwrap_or(0.0))
                .collect();
            chosen.push(pool.swap_remove(d.weighted(&weights)));
        }
        chosen
    }

    /// A partner drawn by this year's weights among those that pass `fits` (among all,
    /// if none does).
    fn partner(&self, d: &mut Dice, year: usize, fits: impl Fn(&Nation) -> bool) -> usize {
        let base = self.year_weights.get(year).map_or(&[][..], Vec::as_slice);
        let weights: Vec<f64> = base
            .iter()
            .zip(&self.partners)
            .map(|(w, p)| if fits(p.nation) { *w } else { 0.0 })
            .collect();
        if weights.iter().any(|w| *w > 0.0) {
            d.weighted(&weights)
        } else {
            d.weighted(base)
        }
    }

    fn start_date(&self, d: &mut Dice, year: i32, spec: &CategorySpec) -> NaiveDate {
        let months = if spec.exercise_season {
            &EXERCISE_YEAR
        } else {
            &OFFICE_YEAR
        };
        for _ in 0..20 {
            let month = d.weighted(months) as u32 + 1;
            let day = d.below(days_in_month(year, month) as usize) as u32 + 1;
            if month == 12 && day >= 20 && !d.chance(LATE_DECEMBER_KEEP) {
                continue;
            }
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                return date;
            }
        }
        NaiveDate::from_ymd_opt(year, 6, 15).unwrap_or(self.today)
    }

    fn activity(&self, n: u64) -> Activity {
        let mut d = Dice::new(self.key, STREAM_ACTIVITIES.wrapping_add(n));
        let weights: Vec<f64> = CATEGORIES.iter().map(|c| c.weight).collect();
        let spec = &CATEGORIES[d.weighted(&weights)];
        let year = d.weighted(&YEAR_WEIGHTS);
        let start = self.start_date(&mut d, self.calendar_year(year), spec);
        let shape = self.shape(&mut d, spec.category, year);
        let end = days_after(start, shape.days);
        let status = status_for(&mut d, start, end, self.today);
        let participants = self.participants(shape.host, &shape.others);
        let objectives = self.objectives_for(&mut d, spec, shape.focus);
        let cost = self.cost(&mut d, spec, shape.focus);
        let label = self.label(&mut d, &participants);
        let flavour = shape
            .focus
            .map_or(self.home, |p| self.nation_of(Who::Partner(p)));
        let outcome = outcome(&mut d, spec, status, flavour);
        let mut assets = shape.assets;
        assets.sort();
        assets.dedup();
        Activity {
            source: SOURCE.to_owned(),
            external_id: format!("demo-{:07}", n + 1),
            title: shape.title,
            category: spec.category,
            status,
            start,
            end,
            host: self.code_of(shape.host),
            participants,
            location: shape.location,
            objectives,
            assets,
            cost,
            label,
            description: d.text(spec.descriptions).to_owned(),
            outcome,
        }
    }

    /// The host first, then the others by code: the canonical order.
    fn participants(&self, host: Who, others: &[(Who, Role)]) -> Vec<Participant> {
        let mut rest: Vec<Participant> = others
            .iter()
            .filter(|(who, _)| *who != host)
            .map(|(who, role)| Participant {
                partner: self.code_of(*who),
                role: *role,
            })
            .collect();
        rest.sort_by(|a, b| a.partner.cmp(&b.partner));
        rest.dedup_by(|a, b| a.partner == b.partner);
        let mut all = vec![Participant {
            partner: self.code_of(host),
            role: Role::Host,
        }];
        all.extend(rest);
        all
    }

    fn shape(&self, d: &mut Dice, category: Category, year: usize) -> Shape {
        match category {
            Category::PersonnelExchange => self.personnel_exchange(d, year),
            Category::ShipVisit => self.ship_visit(d, year),
            Category::AircraftVisit => self.aircraft_visit(d, year),
            Category::HighLevelEngagement => self.high_level(d, year),
            Category::BilateralMeeting => self.bilateral_meeting(d, year),
            Category::StaffTalks => self.staff_talks(d, year),
            Category::Training => self.training(d, year),
            Category::Exercise => self.exercise(d, year),
            Category::RegionalForum => self.regional_forum(d, year),
            Category::Outreach => self.outreach(d, year),
            Category::Csbm => self.csbm(d, year),
            Category::NonProliferation => self.non_proliferation(d, year),
        }
    }

    /// Where a host meets: its capital, with coordinates most of the time.
    fn capital(&self, d: &mut Dice, host: Who) -> Location {
        let nation = self.nation_of(host);
        // The stand-in for an unknown home nation has no real coordinates.
        let known = !nation.code.is_empty();
        at(nation.capital, d.chance(0.6) && known)
    }

    fn personnel_exchange(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let service = d.below(3);
        let theirs = first_service(them, service);
        let ours = first_service(self.home, service);
        let long = d.chance(0.5);
        let (title, host) = match (long, d.chance(0.6)) {
            (true, true) => (
                format!(
                    "Exchange posting of {} officer to the {theirs}",
                    with_article(self.home.adjective)
                ),
                Who::Partner(p),
            ),
            (true, false) => (
                format!(
                    "Exchange posting of {} officer to the {ours}",
                    with_article(them.adjective)
                ),
                Who::Us,
            ),
            (false, true) => (
                format!("Staff college study visit to {}", them.name),
                Who::Partner(p),
            ),
            (false, false) => (
                format!("{} staff college study visit", them.adjective),
                Who::Us,
            ),
        };
        let guest = if host == Who::Us {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let days = if long {
            d.between(90, 365)
        } else {
            d.between(3, 10)
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, guest, location, days)
    }

    fn ship_visit(&self, d: &mut Dice, year: usize) -> Shape {
        let inbound = d.chance(0.3);
        if inbound
            && let Some((p, ship)) = d.pick(&self.partner_ships_idx())
            && let Some(port) = d.pick(self.home.ports)
        {
            let ship = self.partner_ships[ship].1.clone();
            let title = format!("Port visit by {ship} to {}", port.name);
            let mut shape = Shape::bilateral(
                title,
                Who::Us,
                Who::Partner(p),
                at(port, true),
                d.between(2, 5),
            );
            shape.assets.push(ship);
            return shape;
        }
        let p = self.partner(d, year, |n| !n.ports.is_empty());
        let them = self.nation_of(Who::Partner(p));
        let port = d.pick(them.ports).unwrap_or(them.capital);
        let count = if d.chance(0.15) { 2 } else { 1 };
        let ships: Vec<String> = d
            .several((0..self.our_ships.len()).collect(), count)
            .into_iter()
            .filter_map(|i| self.our_ships.get(i).cloned())
            .collect();
        let title = format!("Port visit by {} to {}", ships.join(" and "), port.name);
        let mut shape = Shape::bilateral(
            title,
            Who::Partner(p),
            Who::Us,
            at(port, true),
            d.between(2, 5),
        );
        shape.assets = ships;
        shape
    }

    /// (partner, index into `partner_ships`) pairs, so a draw can name both.
    fn partner_ships_idx(&self) -> Vec<(usize, usize)> {
        self.partner_ships
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (*p, i))
            .collect()
    }

    fn aircraft_visit(&self, d: &mut Dice, year: usize) -> Shape {
        let days = d.between(1, 3);
        if d.chance(0.2)
            && let Some((p, name)) = d.pick(&self.partner_aircraft_idx())
        {
            let name = self.partner_aircraft[name].1.clone();
            let title = format!("Aircraft visit by {name} to {}", self.home.capital.name);
            let location = self.capital(d, Who::Us);
            let mut shape = Shape::bilateral(title, Who::Us, Who::Partner(p), location, days);
            shape.assets.push(name);
            return shape;
        }
        let p = self.partner(d, year, |_| true);
        let aircraft = d
            .pick(&(0..self.our_aircraft.len()).collect::<Vec<_>>())
            .and_then(|i| self.our_aircraft.get(i).cloned())
            .unwrap_or_default();
        let city = self.nation_of(Who::Partner(p)).capital.name;
        let title = format!("Aircraft visit by {aircraft} to {city}");
        let location = self.capital(d, Who::Partner(p));
        let mut shape = Shape::bilateral(title, Who::Partner(p), Who::Us, location, days);
        shape.assets.push(aircraft);
        shape
    }

    fn partner_aircraft_idx(&self) -> Vec<(usize, usize)> {
        self.partner_aircraft
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (*p, i))
            .collect()
    }

    fn high_level(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let us = self.home;
        let (title, host) = match d.below(4) {
            0 => (
                format!("Visit of the {} to {}", us.minister, them.name),
                Who::Partner(p),
            ),
            1 => (
                format!("Visit of the {} to {}", us.chief, them.name),
                Who::Partner(p),
            ),
            2 => (
                format!(
                    "Visit of the {} {} to {}",
                    them.adjective, them.minister, us.name
                ),
                Who::Us,
            ),
            _ => (
                format!(
                    "Visit of the {} {} to {}",
                    them.adjective, them.chief, us.name
                ),
                Who::Us,
            ),
        };
        let guest = if host == Who::Us {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, guest, location, d.between(1, 4))
    }

    fn bilateral_meeting(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let (title, host) = match d.below(4) {
            0 => (
                format!(
                    "Defence attaché call on the {} {}",
                    them.adjective, them.chief
                ),
                Who::Partner(p),
            ),
            1 => (
                format!("Bilateral defence dialogue with {}", them.name),
                if d.chance(0.5) {
                    Who::Partner(p)
                } else {
                    Who::Us
                },
            ),
            2 => (
                format!("Meeting with the {} Defence Attaché", them.adjective),
                Who::Us,
            ),
            _ => (
                format!("Defence policy talks with {}", them.name),
                if d.chance(0.5) {
                    Who::Partner(p)
                } else {
                    Who::Us
                },
            ),
        };
        let guest = if host == Who::Us {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, guest, location, d.between(0, 1))
    }

    fn staff_talks(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let title = match d.below(4) {
            3 => format!("Joint staff talks with the {}", them.forces),
            i => format!("Staff talks with the {}", first_service(them, i)),
        };
        let host = if d.chance(0.55) {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let guest = if host == Who::Us {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, guest, location, d.between(1, 3))
    }

    fn training(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let (topic, service) = d
            .pick(&TRAINING_TOPICS)
            .unwrap_or(("Peacekeeping", Service::Army));
        let unit = match service {
            Service::Army => first_service(them, 0),
            Service::Navy => first_service(them, 1),
            Service::AirForce => first_service(them, 2),
            Service::Joint => them.forces,
        };
        let (title, host) = if d.chance(0.7) {
            (format!("{topic} training for the {unit}"), Who::Partner(p))
        } else {
            (
                format!("{topic} course for {} officers", them.adjective),
                Who::Us,
            )
        };
        let guest = if host == Who::Us {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let location = self.capital(d, host);
        let mut shape = Shape::bilateral(title, host, guest, location, d.between(4, 20));
        if d.chance(0.12) {
            let region = them.region;
            let o = self.partner(d, year, |n| n.region == region);
            if o != p {
                shape.others.push((Who::Partner(o), Role::Observer));
            }
        }
        shape
    }

    fn exercise(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let neighbours: Vec<usize> = (0..self.partners.len())
            .filter(|i| *i != p && self.partners[*i].nation.region == them.region)
            .collect();
        let days = d.between(5, 20);
        if neighbours.len() >= 2 && d.chance(0.4) {
            return self.multinational_exercise(d, year, p, neighbours, days);
        }
        let series = exercise_series(self.partners[p].row);
        let title = format!("Exercise {series} {}", self.calendar_year(year));
        let host = if d.chance(0.65) {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let guest = if host == Who::Us {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let location = self.exercise_area(d, host);
        let mut shape = Shape::bilateral(title, host, guest, location, days);
        if d.chance(0.15) {
            let o = self.partner(d, year, |_| true);
            if o != p {
                shape.others.push((Who::Partner(o), Role::Observer));
            }
        }
        shape
    }

    fn multinational_exercise(
        &self,
        d: &mut Dice,
        year: usize,
        host: usize,
        neighbours: Vec<usize>,
        days: i64,
    ) -> Shape {
        let them = self.nation_of(Who::Partner(host));
        let name = d.text(regional_exercises(them.region));
        let calendar_year = self.calendar_year(year);
        let mut others: Vec<(Who, Role)> = self
            .draw_among(d, year, neighbours, 2, 6)
            .into_iter()
            .map(|i| (Who::Partner(i), Role::Guest))
            .collect();
        let our_role = if d.chance(0.3) {
            Role::Lead
        } else {
            Role::Guest
        };
        others.push((Who::Us, our_role));
        Shape {
            title: format!("Exercise {name} {calendar_year}"),
            host: Who::Partner(host),
            others,
            location: Some(self.exercise_area(d, Who::Partner(host))),
            assets: Vec::new(),
            focus: Some(host),
            days,
        }
    }

    /// A naval port half the time where the host has one, else the capital.
    fn exercise_area(&self, d: &mut Dice, host: Who) -> Location {
        let nation = self.nation_of(host);
        match d.pick(nation.ports) {
            Some(port) if d.chance(0.5) => at(port, true),
            _ => self.capital(d, host),
        }
    }

    fn regional_forum(&self, d: &mut Dice, year: usize) -> Shape {
        let f = d.below(self.forums.len());
        let Some(plan) = self.forums.get(f) else {
            // Only if no forum has enough of our partners to meet.
            return self.bilateral_meeting(d, year);
        };
        let chair = if d.chance(0.45) {
            d.pick(&plan.chairs)
        } else {
            None
        };
        let (host, location) = match (chair, plan.forum.seat) {
            (Some(c), _) => (Who::Partner(c), self.capital(d, Who::Partner(c))),
            (None, Some(seat)) => (Who::Forum(f), at(seat, d.chance(0.6))),
            (None, None) => {
                // An organisation without a seat meets in a member's capital.
                let venue = d.pick(&plan.attendees).unwrap_or(0);
                (Who::Forum(f), self.capital(d, Who::Partner(venue)))
            }
        };
        let pool: Vec<usize> = plan
            .attendees
            .iter()
            .copied()
            .filter(|i| Who::Partner(*i) != host)
            .collect();
        let we_attend = d.chance(0.9);
        // Four to twelve participants, the host included.
        let most: usize = if we_attend { 10 } else { 11 };
        let chosen = self.draw_among(d, year, pool, 3, most);
        let focus = if d.chance(0.5) {
            chosen.first().copied()
        } else {
            None
        };
        let mut others: Vec<(Who, Role)> = chosen
            .into_iter()
            .map(|i| (Who::Partner(i), Role::Guest))
            .collect();
        if we_attend {
            others.push((Who::Us, plan.our_role));
        }
        Shape {
            title: d.text(plan.forum.titles).to_owned(),
            host,
            others,
            location: Some(location),
            assets: Vec::new(),
            focus,
            days: d.between(1, 3),
        }
    }

    fn outreach(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let city = them.capital.name;
        let title = match d.below(4) {
            0 => format!("Defence reception in {city}"),
            1 => format!("Remembrance commemoration in {city}"),
            2 => format!("Military band concert in {city}"),
            _ => format!(
                "Reception for {} alumni of {} staff colleges",
                them.adjective, self.home.adjective
            ),
        };
        let location = self.capital(d, Who::Partner(p));
        Shape::bilateral(title, Who::Partner(p), Who::Us, location, d.between(0, 1))
    }

    fn csbm(&self, d: &mut Dice, year: usize) -> Shape {
        let we_are_osce = OSCE_STATES.contains(&self.us.as_str());
        let vienna = we_are_osce && d.chance(0.75);
        let p = self.partner(d, year, |n| !vienna || OSCE_STATES.contains(&n.code));
        let them = self.nation_of(Who::Partner(p));
        let vienna = vienna && OSCE_STATES.contains(&them.code);
        let (title, host) = match (vienna, d.below(3)) {
            (true, 0) => (
                format!("Vienna Document inspection in {}", them.name),
                Who::Partner(p),
            ),
            (true, 1) => (
                format!("Vienna Document evaluation visit to {}", them.name),
                Who::Partner(p),
            ),
            (true, _) => (
                format!(
                    "Vienna Document inspection by {} inspectors",
                    them.adjective
                ),
                Who::Us,
            ),
            (false, 0) => (
                format!("Maritime confidence-building talks with {}", them.name),
                Who::Partner(p),
            ),
            (false, 1) if has_navy(them) => (
                format!("Incidents-at-sea talks with the {}", first_service(them, 1)),
                Who::Partner(p),
            ),
            (false, _) => (
                format!(
                    "Military transparency briefing for {} officials",
                    them.adjective
                ),
                Who::Us,
            ),
        };
        let guest = if host == Who::Us {
            Who::Partner(p)
        } else {
            Who::Us
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, guest, location, d.between(2, 5))
    }

    fn non_proliferation(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let title = match d.below(4) {
            0 => format!("Counter-proliferation workshop with {}", them.name),
            1 => format!("Export-control seminar in {}", them.capital.name),
            2 => format!("CBRN defence training for the {}", them.forces),
            _ => format!("Nuclear security workshop in {}", them.capital.name),
        };
        let location = self.capital(d, Who::Partner(p));
        Shape::bilateral(title, Who::Partner(p), Who::Us, location, d.between(1, 4))
    }

    /// One standing aim (sometimes two), and often an objective of the focus partner's plan.
    fn objectives_for(
        &self,
        d: &mut Dice,
        spec: &CategorySpec,
        focus: Option<usize>,
    ) -> Vec<String> {
        let aims: Vec<usize> = (0..spec.aims.len()).collect();
        let count = if d.chance(0.3) { 2 } else { 1 };
        let mut codes: Vec<String> = d
            .several(aims, count)
            .into_iter()
            .filter_map(|i| spec.aims.get(i))
            .map(|aim| aim.as_str().to_owned())
            .collect();
        if let Some(partner) = focus.and_then(|p| self.partners.get(p))
            && d.chance(0.55)
            && let Some(objective) = d.pick(&partner.objectives.iter().collect::<Vec<_>>())
        {
            codes.push(objective.clone());
        }
        codes.sort();
        codes.dedup();
        codes
    }

    fn cost(&self, d: &mut Dice, spec: &CategorySpec, focus: Option<usize>) -> Option<Money> {
        if !d.chance(spec.cost_chance) {
            return None;
        }
        let theirs = focus.map(|p| self.nation_of(Who::Partner(p)).currency);
        let roll = d.unit();
        let currency = match theirs {
            Some(c) if roll < 0.1 && CURRENCIES.contains(&c) => c,
            _ if roll < 0.2 => "USD",
            _ if CURRENCIES.contains(&self.home.currency) => self.home.currency,
            _ => "USD",
        };
        let rate = CURRENCIES
            .iter()
            .position(|c| *c == currency)
            .and_then(|i| PER_POUND.get(i))
            .copied()
            .unwrap_or(1.0);
        let pounds = d.between(spec.cost_range.0 / 10, spec.cost_range.1 / 10) * 10;
        // Whole yen; cents elsewhere.
        let cents = if currency == "JPY" {
            (pounds as f64 * rate).round() as i64 * 100
        } else {
            (pounds as f64 * rate * 100.0).round() as i64
        };
        Some(Money {
            amount: Amount::from_thousandths(cents * 10)?,
            currency: CurrencyCode::parse("cost_currency", currency).ok()?,
        })
    }

    /// Mostly official; sensitive records are often releasable to participants and allies.
    fn label(&self, d: &mut Dice, participants: &[Participant]) -> SecurityLabel {
        let roll = d.unit();
        let classification = if roll < 0.8 {
            Classification::Official
        } else if roll < 0.96 {
            Classification::OfficialSensitive
        } else {
            Classification::Secret
        };
        let share = match classification {
            Classification::Official => d.chance(0.08),
            _ => d.chance(0.5),
        };
        let mut releasable_to = Vec::new();
        if share {
            let mut pool: Vec<PartnerCode> = participants
                .iter()
                .map(|p| p.partner.clone())
                .chain(CLOSE_ALLIES.iter().filter_map(|c| code(c)))
                .filter(|c| c.is_state() && *c != self.us)
                .collect();
            pool.sort();
            pool.dedup();
            let k = d.between(1, 3) as usize;
            releasable_to = d
                .several((0..pool.len()).collect(), k)
                .into_iter()
                .filter_map(|i| pool.get(i).cloned())
                .collect();
            releasable_to.sort();
        }
        SecurityLabel {
            classification,
            releasable_to,
        }
    }
}

/// The service by number (army, navy, air force), falling back to the army without a navy.
fn first_service(nation: &Nation, i: usize) -> &'static str {
    match nation.services.get(i) {
        Some(s) if !s.is_empty() => s,
        _ => nation.services[0],
    }
}

/// "an Indian", "a British", "a US": by the first letter, which suits the adjectives here.
fn with_article(word: &str) -> String {
    let article = match word.chars().next() {
        Some('A' | 'E' | 'I' | 'O') => "an",
        _ => "a",
    };
    format!("{article} {word}")
}

/// A partner's bilateral exercise series: one word from each list, different per row.
fn exercise_series(row: usize) -> String {
    let first = EXERCISE_FIRST[row % EXERCISE_FIRST.len()];
    let second = EXERCISE_SECOND[(row * 7 + 3) % EXERCISE_SECOND.len()];
    format!("{first} {second}")
}

/// Completed activities sometimes, assessed ones nearly always, record how they went.
fn outcome(d: &mut Dice, spec: &CategorySpec, status: Status, nation: &Nation) -> String {
    let chance = match status {
        Status::Assessed => 0.9,
        Status::Completed => 0.4,
        _ => 0.0,
    };
    if !d.chance(chance) {
        return String::new();
    }
    let template = if d.chance(0.5) {
        d.text(spec.outcomes)
    } else {
        d.text(&GENERIC_OUTCOMES)
    };
    let text = fill(template, nation);
    // "{adj}" may open the sentence.
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use attache_domain::{ActivityInput, ValidationContext};

    use super::*;

    const COUNTRIES: &str = include_str!("../../../data/reference/countries.csv");

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn nation(c: &str) -> PartnerCode {
        PartnerCode::parse("nation", c).unwrap()
    }

    fn today() -> NaiveDate {
        date("2026-06-15")
    }

    fn plan(seed: u64, size: usize, us: &str) -> DemoPlan {
        DemoPlan::new(seed, size, today(), nation(us))
    }

    /// The context the lead builds: every ISO state and currency, the organisations, the
    /// standing aims and the plan's objectives.
    fn ctx(plan: &DemoPlan, us: &str) -> ValidationContext {
        let mut partners: HashSet<String> = HashSet::new();
        let mut currencies: HashSet<String> = HashSet::new();
        for line in COUNTRIES.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            partners.insert(cells[0].to_owned());
            for c in cells.last().unwrap().split(';').filter(|c| !c.is_empty()) {
                currencies.insert(c.to_owned());
            }
        }
        partners.extend(ORGANISATIONS.iter().map(|s| s.to_string()));
        let objectives = StandingAim::ALL
            .iter()
            .map(|a| a.as_str().to_owned())
            .chain(plan.objectives().into_iter().map(|o| o.code))
            .collect();
        ValidationContext {
            our_nation: nation(us),
            clearance: attache_domain::Classification::Secret,
            partners,
            objectives,
            currencies,
        }
    }

    fn sample(size: usize) -> Vec<Activity> {
        plan(7, size, "GBR").activities().collect()
    }

    fn assert_valid_and_canonical(plan: &DemoPlan, us: &str, n: usize) {
        let ctx = ctx(plan, us);
        let mut ids = HashSet::new();
        for a in plan.activities().take(n) {
            let back = ActivityInput::from(&a).validate(&ctx);
            assert_eq!(
                back.as_ref(),
                Ok(&a),
                "{} does not round-trip",
                a.external_id
            );
            assert_eq!(a.source, SOURCE);
            assert!(a.title.chars().count() <= 200, "{}", a.title);
            assert!(ids.insert(a.external_id.clone()), "{}", a.external_id);
        }
    }

    #[test]
    fn every_activity_is_valid_and_canonical() {
        assert_valid_and_canonical(&plan(1, 3_000, "GBR"), "GBR", 3_000);
    }

    #[test]
    fn other_nations_get_valid_data_too() {
        // SGP is in the tables (and so leaves the partners); ITA is not.
        for us in ["SGP", "USA", "ITA"] {
            let p = plan(2, 800, us);
            assert!(!p.partners().contains(&nation(us)), "{us}");
            assert_valid_and_canonical(&p, us, 800);
            // Nowhere is "Null Island": a place without known coordinates has none.
            for a in p.activities() {
                let at = a.location.and_then(|l| l.coordinates);
                assert_ne!(at, Some((0.0, 0.0)), "{}", a.title);
            }
        }
    }

    #[test]
    fn the_same_inputs_give_the_same_data() {
        let (a, b) = (plan(42, 300, "GBR"), plan(42, 300, "GBR"));
        assert!(a.activities().eq(b.activities()));
        assert_eq!(a.objectives(), b.objectives());
        assert_eq!(a.people(), b.people());
        assert_eq!(a.assets(), b.assets());
        assert_eq!(a.agreements(), b.agreements());
        // A larger size only adds; another seed differs.
        assert!(plan(42, 50, "GBR").activities().eq(b.activities().take(50)));
        assert!(!plan(43, 300, "GBR").activities().eq(a.activities()));
    }

    #[test]
    fn activities_are_lazy_and_outlive_the_plan() {
        let mut stream = plan(3, 1_000_000, "GBR").activities();
        assert_eq!(stream.size_hint(), (1_000_000, Some(1_000_000)));
        let first = stream.next().unwrap();
        assert_eq!(first.external_id, "demo-0000001");
        let far = stream.nth(899_998).unwrap();
        assert_eq!(far.external_id, "demo-0900000");
        let direct = plan(3, 1_000_000, "GBR").activities().nth(899_999).unwrap();
        assert_eq!(far, direct);
        assert_eq!(stream.size_hint(), (100_000, Some(100_000)));
        let mut bounded = plan(3, 2, "GBR").activities();
        assert!(bounded.nth(5).is_none());
    }

    #[test]
    fn partners_are_real_states_across_regions() {
        let iso: HashSet<&str> = COUNTRIES
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect();
        let p = plan(1, 0, "GBR");
        let partners = p.partners();
        assert!((30..=40).contains(&partners.len()), "{}", partners.len());
        for c in &partners {
            assert!(iso.contains(c.as_str()), "{c}");
        }
        assert!(!partners.contains(&nation("GBR")));
        for c in ["SGP", "KEN", "BRA", "UKR", "SAU", "IND", "USA"] {
            assert!(partners.contains(&nation(c)), "{c}");
        }
        let regions: HashSet<_> = NATIONS.iter().map(|n| format!("{:?}", n.region)).collect();
        assert_eq!(regions.len(), 7);
    }

    #[test]
    fn forum_memberships_match_the_reference_data() {
        #[derive(serde::Deserialize)]
        struct Org {
            code: String,
            members: Vec<String>,
        }
        let orgs: Vec<Org> =
            serde_json::from_str(include_str!("../../../data/reference/organisations.json"))
                .unwrap();
        let members = |org: &str| -> HashSet<String> {
            orgs.iter()
                .find(|o| o.code == org)
                .unwrap()
                .members
                .iter()
                .cloned()
                .collect()
        };
        for forum in FORUMS {
            for chair in forum.chairs {
                assert!(members(forum.org).contains(*chair), "{} {chair}", forum.org);
            }
        }
        for c in OSCE_STATES {
            assert!(members("OSCE").contains(*c), "{c}");
        }
        for c in ADMM_PLUS {
            assert!(members("ADMM-Plus").contains(*c), "{c}");
        }
    }

    #[test]
    fn reference_records_are_complete_and_valid() {
        let p = plan(5, 0, "GBR");
        let partners = p.partners();

        let objectives = p.objectives();
        let codes: HashSet<_> = objectives.iter().map(|o| o.code.clone()).collect();
        assert_eq!(codes.len(), objectives.len());
        for partner in &partners {
            let own = objectives
                .iter()
                .filter(|o| o.partner.as_ref() == Some(partner))
                .count();
            assert!((1..=2).contains(&own), "{partner}: {own}");
        }
        for o in &objectives {
            o.check().unwrap();
            assert!(o.code.starts_with(o.partner.as_ref().unwrap().as_str()));
            assert!((1..=2).contains(&o.indicators.len()));
            assert!(o.indicators.iter().all(|i| i.target > i.baseline));
        }

        let people = p.people();
        assert!((100..=150).contains(&people.len()), "{}", people.len());
        let names: HashSet<_> = people.iter().map(|x| x.name.clone()).collect();
        assert_eq!(names.len(), people.len(), "names are unique");
        for partner in &partners {
            assert_eq!(people.iter().filter(|x| &x.nation == partner).count(), 3);
        }
        let ours = people.iter().filter(|x| x.nation == nation("GBR")).count();
        assert!(ours >= 12, "{ours}");
        assert!(
            people
                .iter()
                .any(|x| x.role == "Secretary of State for Defence")
        );

        let assets = p.assets();
        let ours = |kind| {
            assets
                .iter()
                .filter(|a| a.kind == kind && a.nation == nation("GBR"))
                .count()
        };
        assert_eq!((ours(AssetKind::Ship), ours(AssetKind::Aircraft)), (25, 15));
        assert!(assets.iter().any(|a| a.nation != nation("GBR")));
        let ids: HashSet<_> = assets.iter().map(|a| a.identifier.clone()).collect();
        let names: HashSet<_> = assets.iter().map(|a| a.name.clone()).collect();
        assert_eq!((ids.len(), names.len()), (assets.len(), assets.len()));
        assert!(assets.iter().any(|a| a.name.starts_with("HMS ")
            && a.identifier.starts_with('F')
            && a.identifier.len() == 4));

        let agreements = p.agreements();
        assert!(
            agreements.len() * 10 >= partners.len() * 6,
            "{}",
            agreements.len()
        );
        for a in &agreements {
            a.check().unwrap();
            assert!(a.signed < today());
            assert_eq!(a.parties[0], nation("GBR"));
        }
        assert!(agreements.iter().any(|a| a.expiry.is_some()));
        assert!(agreements.iter().any(|a| a.kind == AgreementKind::Mou));
    }

    #[test]
    fn dates_span_the_timeline_and_statuses_follow_them() {
        let all = sample(20_000);
        let (first, last) = (date("2021-01-01"), date("2027-12-31"));
        assert!(
            all.iter()
                .all(|a| a.start >= first && a.start <= last && a.end >= a.start)
        );
        for a in &all {
            if matches!(a.status, Status::Completed | Status::Assessed) {
                assert!(a.end < today(), "{} {} {}", a.external_id, a.status, a.end);
            }
        }
        let share = |filter: &dyn Fn(&Activity) -> bool, statuses: &[Status]| {
            let group: Vec<_> = all.iter().filter(|a| filter(a)).collect();
            let hits = group
                .iter()
                .filter(|a| statuses.contains(&a.status))
                .count();
            hits as f64 / group.len() as f64
        };
        let past = |a: &Activity| a.end < today();
        assert!(share(&past, &[Status::Completed, Status::Assessed]) > 0.85);
        assert!(share(&past, &[Status::Cancelled]) > 0.03);
        let far = |a: &Activity| a.start > today() + Days::new(365);
        assert!(share(&far, &[Status::Proposed, Status::Planned]) > 0.85);
        let near = |a: &Activity| a.start > today() && a.start <= today() + Days::new(90);
        assert!(share(&near, &[Status::Approved]) > 0.5);
        assert!(all.iter().any(|a| a.status == Status::Postponed));
        for s in Status::ALL {
            assert!(all.iter().any(|a| a.status == s), "{s}");
        }
    }

    #[test]
    fn every_category_occurs_and_high_level_is_rarer_than_staff_talks() {
        let all = sample(5_000);
        let count = |c| all.iter().filter(|a| a.category == c).count();
        for c in Category::ALL {
            assert!(count(c) > 50, "{c}: {}", count(c));
        }
        assert!(count(Category::HighLevelEngagement) * 2 < count(Category::StaffTalks));
        let ours = all
            .iter()
            .filter(|a| a.participants.iter().any(|p| p.partner == nation("GBR")))
            .count();
        assert!(ours as f64 > 0.95 * all.len() as f64);
    }

    #[test]
    fn seasons_show() {
        let all = sample(20_000);
        let mut months = [0usize; 12];
        for a in &all {
            months[a.start.month0() as usize] += 1;
        }
        let others = (all.len() - months[7]) as f64 / 11.0;
        assert!((months[7] as f64) < 0.5 * others, "August {months:?}");
        let december = |range: std::ops::RangeInclusive<u32>| {
            let n = all
                .iter()
                .filter(|a| a.start.month() == 12 && range.contains(&a.start.day()))
                .count();
            n as f64 / range.count() as f64
        };
        assert!(december(20..=31) < 0.4 * december(1..=19));
        let exercises: Vec<_> = all
            .iter()
            .filter(|a| a.category == Category::Exercise)
            .collect();
        let in_season = exercises
            .iter()
            .filter(|a| matches!(a.start.month(), 3..=5 | 9..=11))
            .count();
        assert!(in_season as f64 > 0.75 * exercises.len() as f64);
    }

    #[test]
    fn some_partners_grow_and_some_fade() {
        let all = sample(20_000);
        let mut early: HashMap<PartnerCode, usize> = HashMap::new();
        let mut late: HashMap<PartnerCode, usize> = HashMap::new();
        for a in &all {
            let bucket = match a.start.year() {
                2021 | 2022 => &mut early,
                2024 | 2025 => &mut late,
                _ => continue,
            };
            for p in a.participants.iter().filter(|p| p.partner.is_state()) {
                *bucket.entry(p.partner.clone()).or_default() += 1;
            }
        }
        let partners = plan(7, 0, "GBR").partners();
        let ratio = |p: &PartnerCode| {
            (*late.get(p).unwrap_or(&0) as f64 + 1.0) / (*early.get(p).unwrap_or(&0) as f64 + 1.0)
        };
        let growing = partners.iter().filter(|p| ratio(p) > 2.0).count();
        let fading = partners.iter().filter(|p| ratio(p) < 0.5).count();
        assert!(growing >= 3, "growing {growing}");
        assert!(fading >= 3, "fading {fading}");
    }

    #[test]
    fn forums_are_multilateral() {
        let all = sample(5_000);
        let forums: Vec<_> = all
            .iter()
            .filter(|a| a.category == Category::RegionalForum)
            .collect();
        assert!(!forums.is_empty());
        for a in &forums {
            assert!((4..=12).contains(&a.participants.len()), "{a:?}");
        }
        assert!(forums.iter().any(|a| !a.host.is_state()));
        assert!(forums.iter().any(|a| a.host.is_state()));
        assert!(
            forums
                .iter()
                .any(|a| a.title.starts_with("ADMM-Plus Experts' Working Group"))
        );
        let exercises = all.iter().filter(|a| a.category == Category::Exercise);
        assert!(exercises.clone().any(|a| a.participants.len() >= 4));
        assert!(
            exercises
                .clone()
                .any(|a| a.participants.iter().any(|p| p.role == Role::Lead))
        );
    }

    #[test]
    fn visits_name_their_ships_and_ports() {
        let p = plan(7, 5_000, "GBR");
        let assets: HashSet<String> = p.assets().into_iter().map(|a| a.name).collect();
        let coastal: HashSet<&str> = NATIONS
            .iter()
            .filter(|n| !n.ports.is_empty())
            .map(|n| n.code)
            .collect();
        let visits: Vec<_> = p
            .activities()
            .filter(|a| a.category.is_asset_visit())
            .collect();
        for a in &visits {
            assert!(!a.assets.is_empty());
            assert!(
                a.assets.iter().all(|x| assets.contains(x)),
                "{:?}",
                a.assets
            );
            if a.category == Category::ShipVisit {
                assert!(coastal.contains(a.host.as_str()), "{}", a.host);
                let location = a.location.as_ref().unwrap();
                assert!(location.coordinates.is_some() && !location.name.is_empty());
                assert!(a.title.starts_with("Port visit by "), "{}", a.title);
            }
        }
        // Our ships visit the partners' ports, and theirs visit ours.
        let singapore = |a: &&Activity| a.host == nation("SGP") && a.title.contains(" to Changi");
        assert!(
            visits
                .iter()
                .any(|a| singapore(&a) && a.title.starts_with("Port visit by HMS "))
        );
        assert!(
            visits.iter().any(|a| a.host == nation("GBR")),
            "partner ships visit us too"
        );
    }

    #[test]
    fn labels_costs_and_outcomes_vary() {
        let all = sample(5_000);
        let by = |c| all.iter().filter(|a| a.label.classification == c).count();
        let n = all.len();
        assert!(by(Classification::Official) * 10 > n * 7);
        assert!(by(Classification::OfficialSensitive) * 100 > n * 8);
        assert!((1..n / 10).contains(&by(Classification::Secret)));
        assert!(all.iter().any(|a| !a.label.releasable_to.is_empty()));
        assert!(all.iter().any(|a| a.cost.is_some()) && all.iter().any(|a| a.cost.is_none()));
        for a in &all {
            if let Some(cost) = &a.cost {
                assert!(CURRENCIES.contains(&cost.currency.as_str()));
            }
            if !a.outcome.is_empty() {
                assert!(matches!(a.status, Status::Completed | Status::Assessed));
            }
            assert!(!a.objectives.is_empty());
        }
        let assessed: Vec<_> = all
            .iter()
            .filter(|a| a.status == Status::Assessed)
            .collect();
        let with_outcome = assessed.iter().filter(|a| !a.outcome.is_empty()).count();
        assert!(with_outcome * 10 > assessed.len() * 8);
        assert!(
            all.iter()
                .any(|a| a.objectives.iter().any(|o| o.contains('-')))
        );
    }

    #[test]
    fn titles_read_naturally() {
        let titles: HashSet<String> = sample(5_000).into_iter().map(|a| a.title).collect();
        let has = |prefix: &str| titles.iter().any(|t| t.starts_with(prefix));
        for prefix in [
            "Port visit by HMS ",
            "Staff talks with the ",
            "Visit of the Secretary of State for Defence to ",
            "Exercise ",
            "Vienna Document ",
        ] {
            assert!(has(prefix), "{prefix}");
        }
        assert!(titles.contains("Staff talks with the Indonesian Navy"));
        assert!(titles.iter().all(|t| t.trim() == t && !t.contains("  ")));
        assert!(
            titles
                .iter()
                .any(|t| t.contains(" an Indian officer") || t.contains(" an Emirati officer"))
        );
        assert!(!titles.iter().any(|t| {
            [" a I", " a E", " a A", " a O"]
                .iter()
                .any(|x| t.contains(x))
        }));
        assert!(
            titles
                .iter()
                .all(|t| t.chars().next().unwrap().is_uppercase())
        );
    }
}
