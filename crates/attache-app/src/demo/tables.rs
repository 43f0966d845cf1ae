//! The demo's reference tables: nations and their names, places, forums, ships and aircraft,
//! exercise names, the categories' shares and seasons, and the objectives' templates.

use super::*;

// ---------------------------------------------------------------------------------------
// Reference tables
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub(super) name: &'static str,
    pub(super) lat: f64,
    pub(super) lon: f64,
}

pub(super) const fn place(name: &'static str, lat: f64, lon: f64) -> Place {
    Place { name, lat, lon }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Region {
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
pub(super) struct NameGroup {
    pub(super) given: &'static str,
    pub(super) family: &'static str,
    pub(super) family_first: bool,
}

pub(super) const ANGLO: NameGroup = NameGroup {
    given: "James, Sarah, Michael, Emma, David, Rachel, Thomas, Helen, Andrew, Claire, Peter, Fiona",
    family: "Whitfield, Harrow, Pemberton, Ashdown, Calloway, Brennan, Thornton, Marsh, Fletcher, Hollis, Carver, Ellwood",
    family_first: false,
};
pub(super) const NORDIC: NameGroup = NameGroup {
    given: "Erik, Ingrid, Lars, Solveig, Henrik, Kari, Anders, Marit",
    family: "Haugland, Bakken, Lunde, Strand, Moen, Eide, Nygaard, Vik",
    family_first: false,
};
pub(super) const GERMAN: NameGroup = NameGroup {
    given: "Matthias, Katrin, Stefan, Julia, Andreas, Sabine, Jens, Anja",
    family: "Brandt, Keller, Hoffmann, Vogel, Krämer, Lehmann, Weiss, Fuchs",
    family_first: false,
};
pub(super) const FRENCH: NameGroup = NameGroup {
    given: "Julien, Camille, Nicolas, Claire, Mathieu, Élodie, Olivier, Sophie",
    family: "Marchand, Lefèvre, Garnier, Rousseau, Bertrand, Faure, Girard, Chevalier",
    family_first: false,
};
pub(super) const POLISH: NameGroup = NameGroup {
    given: "Tomasz, Agnieszka, Piotr, Katarzyna, Marek, Joanna, Paweł, Magdalena",
    family: "Nowak, Mazur, Sikora, Wójcik, Kaczmarek, Pawlak, Krawczyk, Kowalczyk",
    family_first: false,
};
pub(super) const UKRAINIAN: NameGroup = NameGroup {
    given: "Oleksandr, Olena, Andriy, Iryna, Serhiy, Natalia, Dmytro, Oksana",
    family: "Kovalenko, Bondarenko, Tkachenko, Shevchuk, Melnyk, Kravchenko, Savchenko, Polishchuk",
    family_first: false,
};
pub(super) const ESTONIAN: NameGroup = NameGroup {
    given: "Tanel, Kadri, Margus, Liis, Priit, Kersti, Andres, Triin",
    family: "Tamm, Saar, Sepp, Mägi, Kask, Rebane, Luik, Pärn",
    family_first: false,
};
pub(super) const CHINESE: NameGroup = NameGroup {
    given: "Wei Ming, Hui Ling, Kok Leong, Mei Xin, Jun Hao, Siew Lan, Boon Keng, Li Ting",
    family: "Tan, Lim, Ng, Chua, Koh, Teo, Ong, Wong",
    family_first: true,
};
pub(super) const MALAY: NameGroup = NameGroup {
    given: "Ahmad, Nurul, Hafiz, Siti, Faizal, Aisyah, Zulkifli, Farah",
    family: "Hassan, Ismail, Rahman, Yusof, Osman, Kamarudin, Abdullah, Salleh",
    family_first: false,
};
pub(super) const INDONESIAN: NameGroup = NameGroup {
    given: "Budi, Dewi, Agus, Sri, Hendra, Rina, Eko, Wulan",
    family: "Santoso, Wibowo, Hidayat, Nugroho, Susanto, Kurniawan, Saputra, Purnomo",
    family_first: false,
};
pub(super) const VIETNAMESE: NameGroup = NameGroup {
    given: "Van Thanh, Thi Lan, Minh Tuan, Duc Anh, Thi Hoa, Quoc Bao, Huu Long, Thu Trang",
    family: "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui",
    family_first: true,
};
pub(super) const THAI: NameGroup = NameGroup {
    given: "Somchai, Suda, Anan, Malee, Prasert, Ratana, Kittisak, Wanida",
    family: "Chaiyaporn, Srisuk, Thongchai, Rattanakul, Phromsri, Kaewmanee, Boonmee, Suwannarat",
    family_first: false,
};
pub(super) const FILIPINO: NameGroup = NameGroup {
    given: "Ramon, Maricel, Eduardo, Liza, Rodel, Joy, Arnel, Cristina",
    family: "Dizon, Villanueva, Bautista, Mercado, Pascual, Salazar, Manalo, Ocampo",
    family_first: false,
};
pub(super) const JAPANESE: NameGroup = NameGroup {
    given: "Hiroshi, Yuko, Takeshi, Akiko, Kenji, Naoko, Daisuke, Mayumi",
    family: "Takahashi, Watanabe, Yamamoto, Nakamura, Kobayashi, Sakamoto, Ishikawa, Morita",
    family_first: false,
};
pub(super) const KOREAN: NameGroup = NameGroup {
    given: "Min-jun, Seo-yeon, Ji-hoon, Hye-jin, Sung-ho, Eun-ji, Dong-hyun, Yu-na",
    family: "Kim, Park, Choi, Jung, Kang, Yoon, Han, Shin",
    family_first: true,
};
pub(super) const MONGOLIAN: NameGroup = NameGroup {
    given: "Batbayar, Oyunchimeg, Ganbold, Sarangerel, Erdene, Nomin, Tsogt, Altantsetseg",
    family: "Dorj, Bold, Tömör, Bat, Ganzorig, Sükh, Naran, Purev",
    family_first: false,
};
pub(super) const INDIAN: NameGroup = NameGroup {
    given: "Rajesh, Priya, Vikram, Anjali, Sanjay, Meera, Arun, Kavita",
    family: "Sharma, Nair, Menon, Rao, Iyer, Verma, Pillai, Chatterjee",
    family_first: false,
};
pub(super) const PAKISTANI: NameGroup = NameGroup {
    given: "Tariq, Ayesha, Asif, Saima, Bilal, Nadia, Kamran, Sana",
    family: "Malik, Qureshi, Chaudhry, Siddiqui, Abbasi, Butt, Rana, Mirza",
    family_first: false,
};
pub(super) const KENYAN: NameGroup = NameGroup {
    given: "Joseph, Grace, Daniel, Mercy, Samuel, Faith, Peter, Wanjiru",
    family: "Otieno, Kamau, Mwangi, Ochieng, Wafula, Njoroge, Kiprono, Mutua",
    family_first: false,
};
pub(super) const NIGERIAN: NameGroup = NameGroup {
    given: "Chukwuemeka, Ngozi, Adebayo, Funmilayo, Ibrahim, Aisha, Oluwaseun, Chiamaka",
    family: "Okafor, Adeyemi, Bello, Eze, Okonkwo, Balogun, Nwosu, Lawal",
    family_first: false,
};
pub(super) const GHANAIAN: NameGroup = NameGroup {
    given: "Kwame, Akosua, Kofi, Ama, Yaw, Efua, Kwabena, Abena",
    family: "Mensah, Owusu, Boateng, Asante, Appiah, Ofori, Darko, Amoah",
    family_first: false,
};
pub(super) const SOUTH_AFRICAN: NameGroup = NameGroup {
    given: "Thabo, Nomvula, Sipho, Lerato, Johan, Annelie, Mandla, Zanele",
    family: "Dlamini, Nkosi, van der Merwe, Botha, Mokoena, Ndlovu, Pretorius, Khumalo",
    family_first: false,
};
pub(super) const LEVANTINE: NameGroup = NameGroup {
    given: "Ahmed, Fatima, Khalid, Mariam, Omar, Layla, Youssef, Noura",
    family: "El-Sayed, Haddad, Mansour, Abdelrahman, Khalil, Farouk, Soliman, Nasr",
    family_first: false,
};
pub(super) const MAGHREBI: NameGroup = NameGroup {
    given: "Youssef, Khadija, Mehdi, Salma, Karim, Imane, Hicham, Nadia",
    family: "Benali, El Idrissi, Alaoui, Bennani, Tazi, Chraibi, Berrada, El Amrani",
    family_first: false,
};
pub(super) const GULF: NameGroup = NameGroup {
    given: "Khalid, Noura, Saeed, Mariam, Faisal, Hessa, Rashid, Latifa",
    family: "Al-Qahtani, Al-Mansouri, Al-Kuwari, Al-Shamsi, Al-Dosari, Al-Marri, Al-Harbi, Al-Nuaimi",
    family_first: false,
};
pub(super) const HISPANIC: NameGroup = NameGroup {
    given: "Alejandro, María, Carlos, Lucía, Javier, Valentina, Andrés, Camila",
    family: "González, Rodríguez, Herrera, Castillo, Morales, Vargas, Reyes, Fuentes",
    family_first: false,
};
pub(super) const BRAZILIAN: NameGroup = NameGroup {
    given: "João, Ana, Rafael, Beatriz, Lucas, Fernanda, Thiago, Juliana",
    family: "Silva, Oliveira, Santos, Costa, Pereira, Almeida, Ribeiro, Carvalho",
    family_first: false,
};

/// A state the demo knows: how to name it, its services, where its capital and naval
/// ports are, and how much engagement it gets before trends.
#[derive(Debug)]
pub(super) struct Nation {
    pub(super) code: &'static str,
    /// As it reads inside a sentence: "the Philippines".
    pub(super) name: &'static str,
    pub(super) adjective: &'static str,
    pub(super) forces: &'static str,
    /// Army, navy ("" without one), air force.
    pub(super) services: [&'static str; 3],
    pub(super) minister: &'static str,
    pub(super) chief: &'static str,
    pub(super) capital: Place,
    /// Ports that receive warship visits; none for a landlocked state.
    pub(super) ports: &'static [Place],
    pub(super) region: Region,
    pub(super) names: &'static NameGroup,
    pub(super) currency: &'static str,
    pub(super) ship_prefix: &'static str,
    pub(super) weight: f64,
}

pub(super) const NATIONS: &[Nation] = &[
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
pub(super) const ANY_NATION: Nation = Nation {
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
pub(super) const GROWING: [&str; 5] = ["VNM", "PHL", "IND", "POL", "IDN"];
pub(super) const FADING: [&str; 5] = ["EGY", "MEX", "PAK", "COL", "QAT"];

/// Close allies, to whom sensitive records are often releasable.
pub(super) const CLOSE_ALLIES: [&str; 5] = ["AUS", "CAN", "GBR", "NZL", "USA"];

/// OSCE participating states among [`NATIONS`]: the Vienna Document applies between them.
pub(super) const OSCE_STATES: &[&str] = &[
    "CAN", "DEU", "EST", "FRA", "GBR", "MNG", "NOR", "POL", "UKR", "USA",
];

/// A recurring multilateral meeting: who convenes it, where, who attends and who may host.
#[derive(Debug)]
pub(super) struct Forum {
    pub(super) org: &'static str,
    pub(super) seat: Option<Place>,
    pub(super) titles: &'static [&'static str],
    pub(super) attendees: &'static [&'static str],
    /// States that may host in the organisation's place.
    pub(super) chairs: &'static [&'static str],
}

pub(super) const ADMM_PLUS: &[&str] = &[
    "AUS", "IDN", "IND", "JPN", "KOR", "MYS", "NZL", "PHL", "SGP", "THA", "USA", "VNM",
];
pub(super) const ASEAN_STATES: &[&str] = &["IDN", "MYS", "PHL", "SGP", "THA", "VNM"];
pub(super) const AU_STATES: &[&str] = &["EGY", "GHA", "KEN", "MAR", "NGA", "ZAF"];
pub(super) const EU_STATES: &[&str] = &["DEU", "EST", "FRA", "POL"];

pub(super) const FORUMS: &[Forum] = &[
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
pub(super) const SHIP_NAMES: [&str; 25] = [
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
pub(super) const SHIP_CLASSES: [(&str, u32, u32, usize); 7] = [
    ("R", 10, 19, 1),
    ("D", 30, 39, 4),
    ("F", 200, 249, 9),
    ("L", 10, 19, 2),
    ("P", 200, 299, 5),
    ("H", 130, 139, 1),
    ("A", 130, 199, 3),
];
pub(super) const AIRCRAFT_TYPES: [&str; 6] = [
    "A400M Atlas",
    "C-130J Hercules",
    "P-8A Poseidon",
    "A330 MRTT Voyager",
    "C-17A Globemaster",
    "Typhoon",
];
pub(super) const OUR_AIRCRAFT: usize = 15;
/// Tail-number prefixes by nation; others use their code.
pub(super) const TAIL_PREFIXES: [(&str, &str); 5] = [
    ("GBR", "ZM"),
    ("USA", "16-"),
    ("AUS", "A97-"),
    ("FRA", "F-RB"),
    ("CAN", "130"),
];

/// Partners' ships that visit us: (nation, name, hull number). Invented.
pub(super) const PARTNER_SHIPS: [(&str, &str, &str); 14] = [
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
pub(super) const PARTNER_AIRCRAFT: [(&str, &str, &str); 4] = [
    ("USA", "P-8A Poseidon 169451", "169451"),
    ("AUS", "KC-30A A39-009", "A39-009"),
    ("FRA", "A400M Atlas F-RBAS", "F-RBAS"),
    ("JPN", "C-2 68-1213", "68-1213"),
];

/// Exercise names: a bilateral series per partner takes one word of each.
pub(super) const EXERCISE_FIRST: [&str; 18] = [
    "Coral", "Silver", "Northern", "Southern", "Golden", "Iron", "Steel", "Jade", "Amber",
    "Cobalt", "Granite", "Crimson", "Emerald", "Sapphire", "Ivory", "Copper", "Eastern", "Western",
];
/// Seventeen, prime to eighteen, so that every partner gets a different pair.
pub(super) const EXERCISE_SECOND: [&str; 17] = [
    "Lantern", "Sentinel", "Trident", "Harbour", "Horizon", "Compass", "Anchor", "Beacon",
    "Falcon", "Shield", "Spear", "Lotus", "Monsoon", "Tide", "Ridge", "Arrow", "Keystone",
];

pub(super) fn regional_exercises(region: Region) -> &'static [&'static str] {
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
pub(super) enum Service {
    Army,
    Navy,
    AirForce,
    Joint,
}

pub(super) const TRAINING_TOPICS: [(&str, Service); 10] = [
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
pub(super) struct CategorySpec {
    pub(super) category: Category,
    pub(super) weight: f64,
    /// Whether exercise-style seasons apply (spring and autumn), else the office year.
    pub(super) exercise_season: bool,
    pub(super) cost_chance: f64,
    /// Pounds.
    pub(super) cost_range: (i64, i64),
    pub(super) aims: &'static [StandingAim],
    pub(super) descriptions: &'static [&'static str],
    pub(super) outcomes: &'static [&'static str],
}

pub(super) const CATEGORIES: [CategorySpec; 12] = [
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
pub(super) const GENERIC_OUTCOMES: [&str; 4] = [
    "Objectives met; relationship judged warmer than at the last engagement.",
    "Good access at senior level; {adj} counterparts asked for a follow-on activity.",
    "Partly met: discussions constructive, but no date agreed for the follow-up.",
    "Both sides agreed to meet again next year; actions recorded by the regional desk.",
];

/// Month weights for most business: a summer lull and a short December.
pub(super) const OFFICE_YEAR: [f64; 12] = [
    0.85, 1.0, 1.15, 1.1, 1.15, 1.1, 0.9, 0.3, 1.1, 1.2, 1.15, 0.7,
];
/// Month weights for exercises: spring and autumn, little in winter and August.
pub(super) const EXERCISE_YEAR: [f64; 12] =
    [0.25, 0.5, 1.7, 2.0, 1.6, 0.5, 0.3, 0.1, 1.6, 2.0, 1.4, 0.15];
/// Chance that a date drawn after 19 December is kept: the holidays empty the diary.
pub(super) const LATE_DECEMBER_KEEP: f64 = 0.15;

/// Which partners an objective suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suits {
    Any,
    /// Partners with a navy.
    Maritime,
    /// Established allies: interoperability, not reform.
    Allies,
    /// Partners whose forces we help develop.
    Others,
}

/// Established allies, with whom engagement is about working together rather than reform.
pub(super) const ALLIES: [&str; 13] = [
    "AUS", "CAN", "DEU", "EST", "FRA", "GBR", "JPN", "KOR", "NOR", "NZL", "POL", "SGP", "USA",
];

impl Suits {
    pub(super) fn nation(self, nation: &Nation) -> bool {
        match self {
            Suits::Any => true,
            Suits::Maritime => has_navy(nation),
            Suits::Allies => ALLIES.contains(&nation.code),
            Suits::Others => !ALLIES.contains(&nation.code),
        }
    }
}

/// An indicator: its name, the range of its baseline and the range of the target's gain.
pub(super) type IndicatorTemplate = (&'static str, (i64, i64), (i64, i64));

/// A partner's objective: its title (with `{name}` or `{forces}`), aim, indicators (name,
/// baseline range, gain range) and which partners it suits.
#[derive(Debug)]
pub(super) struct ObjectiveTemplate {
    pub(super) title: &'static str,
    pub(super) aim: StandingAim,
    pub(super) indicators: &'static [IndicatorTemplate],
    pub(super) suits: Suits,
}

pub(super) const OBJECTIVE_TEMPLATES: [ObjectiveTemplate; 8] = [
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
