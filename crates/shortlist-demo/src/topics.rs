//! The subjects of the demo ideas: each [`Topic`] is one kind of idea that several civil servants
//! might send in, written as interchangeable parts (titles, problems, data, actions, benefits) that
//! the generator combines. `{v}` in any part is replaced by one of the topic's `slots`.

/// One kind of idea, as parts to combine.
#[derive(Debug)]
pub(super) struct Topic {
    /// One of [`super::words::THEMES`].
    pub theme: &'static str,
    /// Whether it works with data about individual people (and so draws privacy caveats).
    pub personal: bool,
    /// Codes of the bodies (see [`super::words::BODIES`]) whose staff most often send in this idea.
    pub home: &'static [&'static str],
    /// Values for `{v}`; empty when the parts have no `{v}`.
    pub slots: &'static [&'static str],
    /// Whole titles.
    pub titles: &'static [&'static str],
    /// Whole sentences stating the service or policy problem.
    pub problems: &'static [&'static str],
    /// Datasets and the code of the body that holds each. A name that needs an article carries it.
    pub data: &'static [(&'static str, &'static str)],
    /// Verb phrases, infinitive without "to": what would be done.
    pub actions: &'static [&'static str],
    /// Clauses with their own subject: who gains and how.
    pub benefits: &'static [&'static str],
}

pub(super) const TOPICS: &[Topic] = &[
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["DWP", "HMRC", "DFCNI"],
        slots: &["Pension Credit", "Attendance Allowance", "Carer's Allowance"],
        titles: &[
            "Use HMRC and DWP data to find households missing out on {v}",
            "Write to people who are probably eligible for {v} but have never claimed",
            "Closing the {v} take-up gap with data government already holds",
            "Automatically identify people who qualify for {v}",
        ],
        problems: &[
            "Hundreds of thousands of people who are entitled to {v} never claim it, and they are often the people who most need the money.",
            "We rely on people finding out about {v} for themselves, usually from a charity or a neighbour, long after they first became eligible.",
            "Unclaimed {v} is not just lost income: it can also unlock other help, such as council tax support, which people then miss as well.",
        ],
        data: &[
            ("Real Time Information on pay and pensions", "HMRC"),
            ("the Customer Information System", "DWP"),
            ("State Pension payment records", "DWP"),
            ("council tax support records", "LA"),
        ],
        actions: &[
            "match pension and earnings records to estimate who is likely to be eligible, then write to them with a simple way to apply",
            "build a monthly list of likely eligible households for local welfare rights teams to contact",
            "pre-fill claim forms with the information we already hold, so that people only have to check and confirm it",
        ],
        benefits: &[
            "more people on low incomes would receive money they are already entitled to",
            "councils and charities could aim their outreach at the households most likely to benefit",
            "fewer people would reach crisis point, which costs the public purse far more later on",
        ],
    },
    Topic {
        theme: "Levelling up and places",
        personal: false,
        home: &["MHCLG", "HMLR", "CO", "GPA"],
        slots: &[],
        titles: &[
            "A single register of public sector land for faster housing decisions",
            "Map every piece of surplus public land in one place",
            "Bring together what the public sector owns so councils can plan new homes",
            "Use Land Registry data to find public land that could take new homes",
        ],
        problems: &[
            "Nobody has a complete picture of the land the public sector owns, so sites that could take housing sit empty for years.",
            "Councils, NHS trusts and central departments each keep their own estate records in different formats, and they rarely line up.",
            "When a site is declared surplus, the information about it is often out of date or held only in a spreadsheet on someone's laptop.",
        ],
        data: &[
            ("the title register", "HMLR"),
            ("the Electronic Property Information Mapping Service", "CO"),
            ("brownfield land registers", "LA"),
            ("OS MasterMap", "OS"),
            ("the Estates Returns Information Collection", "NHSD"),
        ],
        actions: &[
            "join Land Registry titles to the government's own property records and publish a single map of public land, with a flag for sites that could take housing",
            "create a shared register that every public body updates when it buys, sells or declares land surplus",
            "score each site for housing potential using flood risk, transport links and planning constraints",
        ],
        benefits: &[
            "planners would find suitable sites in days rather than months",
            "more homes could be built on land the public already owns",
            "departments would stop paying to hold land that nobody needs",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["DFE", "OFSTED", "WG", "ESFA"],
        slots: &[],
        titles: &[
            "Predict school absence early using attendance and social care data",
            "Spot pupils drifting towards persistent absence before it happens",
            "An early warning system for children at risk of missing school",
            "Join up school attendance and children's services data to keep pupils in class",
        ],
        problems: &[
            "By the time a pupil is classed as persistently absent, they have often lost weeks of learning and the reasons behind it have become harder to tackle.",
            "Schools see attendance and social workers see family circumstances, but the two pictures are rarely put together.",
            "Absence rose sharply after the school closures of 2020, and it is the most disadvantaged pupils who are missing the most.",
        ],
        data: &[
            ("school census attendance returns", "DFE"),
            ("the National Pupil Database", "DFE"),
            ("children in need census data", "DFE"),
            ("free school meals eligibility records", "LA"),
        ],
        actions: &[
            "train a simple model on past attendance patterns to flag pupils whose attendance is starting to slip, and share the list with attendance officers",
            "give schools a weekly dashboard showing which pupils match the early patterns of persistent absence",
            "link attendance to social care contacts so that support is offered before absence becomes entrenched",
        ],
        benefits: &[
            "children would get support earlier, while it can still make a difference",
            "attendance officers could spend their time on the families who most need them",
            "fewer pupils would fall so far behind that they leave school without qualifications",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: true,
        home: &["EA", "DEFRA", "MET", "WG"],
        slots: &[],
        titles: &[
            "Target flood warnings at vulnerable residents using Priority Services Register data",
            "Combine flood forecasts with care data so no one is left behind when rivers rise",
            "Know who needs help before the flood arrives",
            "Share vulnerability data with flood responders before, not during, an emergency",
        ],
        problems: &[
            "When a flood warning goes out, emergency responders often do not know which households include someone who cannot leave without help.",
            "Flood warnings reach the people who have signed up for them, but the most vulnerable residents are the least likely to have done so.",
            "Climate change means more frequent flooding in places that have never flooded before, where residents have no experience of what to do.",
        ],
        data: &[
            ("flood warning areas", "EA"),
            ("the Priority Services Register", "UTIL"),
            ("adult social care client records", "LA"),
            ("rainfall and river flow forecasts", "MET"),
        ],
        actions: &[
            "overlay flood warning areas on anonymised counts of vulnerable residents, so that local resilience forums can plan door-knocking in advance",
            "send an automatic alert to care providers when a warning covers the address of someone they support",
            "give local resilience forums a live list of addresses needing help in each warning area, released only when a warning is issued",
        ],
        benefits: &[
            "emergency services would know where to go first",
            "fewer vulnerable people would be trapped or hurt in floods",
            "responders would spend less time knocking on doors of people who are already safe",
        ],
    },
    Topic {
        theme: "Economy and business",
        personal: true,
        home: &["CH", "INSOLV", "HMRC", "BEIS", "NCA"],
        slots: &[],
        titles: &[
            "Flag suspicious company registrations using patterns across Companies House filings",
            "Stop shell companies at the door by checking new registrations against other government data",
            "Use data to spot directors who keep setting up companies that fail owing tax",
            "Risk-score new companies at registration to stop fraud before it starts",
        ],
        problems: &[
            "It costs twelve pounds and a few minutes to register a company, and criminals know that very little of what they file is checked.",
            "Some directors walk away from a failed company owing tax and wages, then set up an almost identical business the following week.",
            "Fake addresses and made-up directors are used to register companies for fraud, and the public register lends them credibility.",
        ],
        data: &[
            ("the register of companies and officers", "CH"),
            ("disqualified director records", "INSOLV"),
            ("VAT and Corporation Tax registrations", "HMRC"),
            ("Bounce Back Loan records", "BEIS"),
        ],
        actions: &[
            "score each new registration for risk using address reuse, director history and filing patterns, and route the riskiest for a human check",
            "share a watchlist of repeat phoenix directors between Companies House, HMRC and the Insolvency Service",
            "publish a warning on the register when an address is being used by hundreds of unconnected companies",
        ],
        benefits: &[
            "fewer people and businesses would lose money to companies that were never genuine",
            "the register would become something lenders and the public can trust",
            "investigators would spend less time finding cases and more time acting on them",
        ],
    },
    Topic {
        theme: "Crime and justice",
        personal: true,
        home: &["HMCTS", "MOJ", "CPS"],
        slots: &[],
        titles: &[
            "Use case data to cut the Crown Court backlog by listing trials smarter",
            "Predict which trials will crack so courtrooms are not left empty",
            "Better court listing using data on witness and defendant attendance",
            "Overbook court lists the way airlines do, using data on cracked trials",
        ],
        problems: &[
            "Many trials crack on the day, when a late guilty plea or a missing witness means the courtroom sits empty and the jury is sent home.",
            "The Crown Court backlog has grown through the pandemic, and every wasted hearing slot makes it worse.",
            "Listing officers work largely from experience, with little information about which cases are likely to go ahead.",
        ],
        data: &[
            ("Common Platform case records", "HMCTS"),
            ("XHIBIT hearing records", "HMCTS"),
            ("case management data", "CPS"),
            ("charging decisions", "POLICE"),
        ],
        actions: &[
            "build a model that estimates the chance each trial will go ahead, and use it to overbook lists in a controlled way, as airlines do",
            "give listing officers a simple risk rating for each case alongside the lists they already use",
            "contact witnesses automatically a week before the hearing and feed their answers into the listing decision",
        ],
        benefits: &[
            "more trials would be heard each week without extra judges or buildings",
            "victims and witnesses would wait less time for their day in court",
            "jurors would not give up days of their time for trials that never start",
        ],
    },
    Topic {
        theme: "Crime and justice",
        personal: true,
        home: &["HMPPS", "MOJ", "DWP"],
        slots: &[],
        titles: &[
            "Link prison release data with DWP and HMRC records to see what keeps people out of trouble",
            "Understand which resettlement support actually reduces reoffending",
            "Track employment after release to improve prison education",
            "Make sure no one leaves prison without ID, a bank account and a benefit claim",
        ],
        problems: &[
            "We spend a great deal on education and training in prisons but know very little about whether it leads to work after release.",
            "People leaving prison often have no bank account, no ID and no fixed address, and each of those makes it harder to claim benefits or find a job.",
            "The first few weeks after release are when the risk of reoffending is highest, and they are also when support is most fragmented.",
        ],
        data: &[
            ("prison release records", "HMPPS"),
            ("the Police National Computer", "HO"),
            ("benefit and employment records", "DWP"),
            ("PAYE earnings records", "HMRC"),
        ],
        actions: &[
            "extend the existing MoJ and DWP data share so that outcomes can be tracked for every course in every prison",
            "build a dashboard for prison governors showing employment and reoffending outcomes by programme",
            "flag people due for release who still lack ID or a bank account, so it can be sorted out before they leave",
        ],
        benefits: &[
            "money would shift towards the programmes that work",
            "fewer people would reoffend in the months after release, when the risk is highest",
            "work coaches would know someone's situation before their first appointment",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: true,
        home: &["BEIS", "MHCLG", "WG", "SG"],
        slots: &[],
        titles: &[
            "Target home insulation grants using EPC and benefit data",
            "Find the coldest homes by combining energy performance certificates with income data",
            "Use Energy Performance Certificates to plan retrofit street by street",
            "A ranked list of the homes that most need insulating, for every council",
            "Use smart meter data to estimate the efficiency of homes with no EPC",
        ],
        problems: &[
            "Home energy grants rely on people applying, and the households in the worst-insulated homes are often the least able to navigate the process.",
            "Many homes have no Energy Performance Certificate, and a lot of those that do have certificates more than ten years old.",
            "We will not reach net zero without retrofitting millions of homes, but we lack a good picture of where the worst ones are.",
        ],
        data: &[
            ("the Energy Performance Certificate register", "MHCLG"),
            ("meter-level gas and electricity consumption", "BEIS"),
            ("benefit receipt by postcode", "DWP"),
            ("council tax bands and property attributes", "VOA"),
        ],
        actions: &[
            "combine EPC ratings with income indicators to produce a ranked list of streets where insulation would make the biggest difference",
            "use consumption data to estimate the energy efficiency of homes that have no certificate",
            "give councils a ready-made list of target homes for their share of the retrofit funding",
        ],
        benefits: &[
            "grants would reach households in fuel poverty rather than whoever applies first",
            "the carbon saved for each pound spent would be higher",
            "fewer people would be living in homes they cannot afford to heat",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: false,
        home: &["DFT", "DVLA", "BEIS", "TS"],
        slots: &[],
        titles: &[
            "Plan electric vehicle charge points using DVLA registrations and grid capacity",
            "Where should the next charge points go? Let vehicle and housing data decide",
            "Close the charge point gap for households without off-street parking",
            "Open data on future charging demand for every street",
        ],
        problems: &[
            "Charge points are going where they are commercially easiest, not where people without driveways will need them.",
            "Councils are being asked to plan local charging networks with very little data on where electric vehicles are kept.",
            "With the end of new petrol and diesel car sales set for 2030, the charging network has to grow much faster than it is.",
        ],
        data: &[
            ("vehicle registrations by postcode", "DVLA"),
            ("the National Chargepoint Registry", "DFT"),
            ("electricity network capacity maps", "DNO"),
            ("OS AddressBase and building data", "OS"),
        ],
        actions: &[
            "model future demand for charging street by street and publish it as open data for councils and charge point operators",
            "map where registered electric vehicles are kept against the nearest public charger",
            "identify streets of terraced housing and flats where on-street charging will be essential",
        ],
        benefits: &[
            "councils could bid for funding with evidence behind them",
            "people in terraced streets and flats would not be left behind in the switch to electric cars",
            "network operators could plan grid upgrades before demand arrives",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["CO", "GDS", "DWP", "HMRC", "DVLA"],
        slots: &[],
        titles: &[
            "Tell government once when you move house",
            "A change of address service that updates HMRC, DWP and DVLA together",
            "Stop asking citizens for the same information again and again",
            "Use the UPRN to keep citizens' addresses in step across departments",
        ],
        problems: &[
            "When people move house they have to tell HMRC, DWP, DVLA, their council and others separately, and many never get round to all of them.",
            "Out-of-date addresses mean letters go astray, overpayments build up and fines are sent to the wrong place.",
            "Every department keeps its own copy of a citizen's address, and they disagree with each other surprisingly often.",
        ],
        data: &[
            ("driver and vehicle address records", "DVLA"),
            ("the Customer Information System", "DWP"),
            ("taxpayer address records", "HMRC"),
            ("AddressBase", "OS"),
        ],
        actions: &[
            "build on the Tell Us Once service used after a death so that a single change of address can be passed, with consent, to every department that needs it",
            "use the unique property reference number as the common key between departmental address records",
            "let people see in one place which addresses government holds for them, and correct them",
        ],
        benefits: &[
            "citizens would save time and frustration",
            "departments would stop sending letters to people who moved years ago",
            "overpayments caused by missed changes of circumstance would fall",
        ],
    },
    Topic {
        theme: "Data infrastructure and sharing",
        personal: false,
        home: &["CO", "GDS", "ONS", "NA"],
        slots: &[],
        titles: &[
            "A searchable catalogue of the data each department holds",
            "Find out what data government has before commissioning a new survey",
            "Create a Yellow Pages for government datasets",
            "Publish every department's information asset register in one place",
        ],
        problems: &[
            "Analysts regularly spend weeks finding out whether another department holds the data they need, usually by asking around.",
            "Departments commission new surveys for information that another part of government already collects.",
            "There is no single place that lists the datasets government holds, who owns them and how to ask for access.",
        ],
        data: &[
            ("information asset registers", "ALL"),
            ("data.gov.uk metadata", "CO"),
            ("existing data sharing agreements", "ALL"),
        ],
        actions: &[
            "pull departmental information asset registers together into one searchable catalogue, with a named contact for every dataset",
            "publish standard metadata for every dataset, including what it covers, how good it is and the legal basis for sharing it",
            "add a simple request form so that access requests are logged and answered within a set time",
        ],
        benefits: &[
            "analysts would find what they need in minutes",
            "we would stop paying twice to collect the same data",
            "data owners would get fewer ad hoc requests and more useful ones",
        ],
    },
    Topic {
        theme: "Data infrastructure and sharing",
        personal: false,
        home: &["ONS", "HMRC", "CH", "BEIS"],
        slots: &[],
        titles: &[
            "One identifier for every business across government",
            "Link business records across HMRC, Companies House and the ONS with a common key",
            "A shared business reference number to end the manual matching of firms",
            "Join up what government knows about each business",
        ],
        problems: &[
            "The same business appears in HMRC, Companies House and the Inter-Departmental Business Register under different identifiers, and matching them takes analysts days.",
            "Without a common business identifier it is very hard to see the full picture of support a firm has received from government.",
            "Small businesses give the same details to several departments, and each one stores them slightly differently.",
        ],
        data: &[
            ("the Inter-Departmental Business Register", "ONS"),
            ("the register of companies", "CH"),
            ("VAT and PAYE registrations", "HMRC"),
            ("grant and loan records", "BEIS"),
        ],
        actions: &[
            "agree a single reference number for businesses and publish a lookup between it and the identifiers departments already use",
            "build a matched lookup of company numbers, VAT numbers and business register references, maintained centrally",
        ],
        benefits: &[
            "analysis of business support would become quicker and more reliable",
            "businesses would not have to give the same details to several departments",
            "fraudulent applications to more than one scheme would be much easier to spot",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: true,
        home: &["DHSC", "PHE", "SG", "WG"],
        slots: &[],
        titles: &[
            "Join up hospital and social care data to speed up discharge",
            "Predict which patients will need care at home before they are ready to leave hospital",
            "Match care home vacancies with patients waiting to leave hospital",
            "Live care home vacancy data for hospital discharge teams",
        ],
        problems: &[
            "Thousands of patients who are medically fit to leave hospital wait days for a care package or a care home place.",
            "Hospitals and social care teams plan discharges on separate systems, and the handover is often a phone call and an email.",
            "Care home vacancy information is often out of date by the time discharge teams see it.",
        ],
        data: &[
            ("Hospital Episode Statistics", "NHSD"),
            ("the Capacity Tracker", "DHSC"),
            ("adult social care client records", "LA"),
            ("delayed discharge figures", "NHSE"),
        ],
        actions: &[
            "flag patients likely to need a care package when they are admitted, so that social care teams can start planning straight away",
            "bring live care home vacancies and hospital discharge lists onto one screen for discharge teams",
            "forecast demand for home care a fortnight ahead so that providers can recruit in time",
        ],
        benefits: &[
            "patients would get home sooner, which is better for their recovery",
            "hospital beds would be freed up for the people who need them",
            "care providers would fill vacancies faster and with less paperwork",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: false,
        home: &["DHSC", "PHE", "FSA", "DEFRA"],
        slots: &[],
        titles: &[
            "Map the food environment around schools using food hygiene and planning data",
            "Use food hygiene rating data to understand takeaway density and childhood obesity",
            "Give councils the evidence to limit hot food takeaways near schools",
        ],
        problems: &[
            "Childhood obesity is twice as common in the most deprived areas, and those areas tend to have the most hot food takeaways.",
            "Councils want to use planning powers to limit takeaways near schools but struggle to gather the evidence.",
        ],
        data: &[
            ("Food Hygiene Rating Scheme data", "FSA"),
            ("National Child Measurement Programme results", "NHSD"),
            ("school locations from Get Information About Schools", "DFE"),
            ("OS points of interest", "OS"),
        ],
        actions: &[
            "produce a map of food outlets within walking distance of every school, alongside local child weight data",
            "give planning teams a ready-made evidence pack for each ward",
        ],
        benefits: &[
            "councils would have evidence to make and defend planning decisions",
            "children would grow up in healthier surroundings",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: true,
        home: &["DCMS", "DHSC", "ONS", "DFCNI"],
        slots: &[],
        titles: &[
            "Identify neighbourhoods at high risk of loneliness to target community support",
            "A loneliness risk index built from data we already hold",
            "Use benefit and census data to find older people living alone without support",
        ],
        problems: &[
            "Loneliness is linked to poor health, but we do not know which neighbourhoods have the most people at risk.",
            "Funding for community groups is spread thinly, with little evidence about where it would help most.",
            "The pandemic has left many older people more isolated than ever, and some have not been in touch with any service.",
        ],
        data: &[
            ("census household composition", "ONS"),
            ("Attendance Allowance and Carer's Allowance claims", "DWP"),
            ("the Community Life Survey", "DCMS"),
            ("GP registration data", "NHSD"),
        ],
        actions: &[
            "build a small-area index combining older people living alone, disability, recent bereavement and lack of transport",
            "share a small-area loneliness index with councils and the voluntary sector so that befriending schemes reach the right streets",
        ],
        benefits: &[
            "support would reach isolated people who are currently invisible to services",
            "charities could show funders that they are working where the need is greatest",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: true,
        home: &["DWP", "DHSC"],
        slots: &[],
        titles: &[
            "Link talking therapy outcomes with employment records to see what helps people back to work",
            "Which mental health support gets people back to work? Join up NHS and DWP data to find out",
            "Measure the employment outcomes of NHS talking therapies",
        ],
        problems: &[
            "Mental ill health is now the most common reason for people being out of work on health grounds, yet we know little about which support works.",
            "Talking therapies record whether people recover, but not whether they return to work or stay there.",
        ],
        data: &[
            ("Improving Access to Psychological Therapies data", "NHSD"),
            ("benefit and employment records", "DWP"),
            ("PAYE earnings records", "HMRC"),
        ],
        actions: &[
            "link therapy episodes to later employment and earnings, in a secure environment and with identities removed",
            "compare outcomes for people who received employment advice alongside therapy with those who did not",
        ],
        benefits: &[
            "commissioners would know which services to expand",
            "more people with common mental health problems would get back to work and stay there",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: false,
        home: &["MET", "DHSC", "PHE"],
        slots: &["A&E attendances", "ambulance call-outs", "GP appointments"],
        titles: &[
            "Forecast {v} using Met Office weather and pollen data",
            "Use weather forecasts to plan NHS staffing for {v}",
            "Weather-driven early warning of pressure on {v}",
        ],
        problems: &[
            "Demand for {v} rises and falls with the weather, but staffing rotas are set weeks in advance without looking at the forecast.",
            "Cold snaps, heatwaves and high pollen days all drive up {v}, and the pressure usually comes as a surprise.",
        ],
        data: &[
            ("temperature and pollen forecasts", "MET"),
            ("historic attendance data", "NHSD"),
            ("air quality forecasts", "DEFRA"),
        ],
        actions: &[
            "build a seven-day demand forecast for {v} that combines weather forecasts with past patterns",
            "send each trust a daily alert when the forecast shows demand well above normal",
        ],
        benefits: &[
            "trusts could adjust rotas a few days ahead rather than on the day",
            "patients would wait less at the busiest times",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: true,
        home: &["DEFRA", "PHE", "EA", "WG"],
        slots: &[],
        titles: &[
            "Link air quality monitoring with hospital admissions for childhood asthma",
            "Show the health cost of dirty air, street by street",
            "Use air pollution and health data to choose where school streets go",
        ],
        problems: &[
            "Air pollution contributes to tens of thousands of early deaths a year, but the link is rarely made visible at a local level.",
            "Councils have to decide where to put clean air zones with very little local evidence about health effects.",
        ],
        data: &[
            ("the Automatic Urban and Rural Network", "DEFRA"),
            ("Hospital Episode Statistics", "NHSD"),
            ("traffic counts", "DFT"),
        ],
        actions: &[
            "model pollution levels at street level and link them to asthma admissions by area",
            "publish an interactive map that councils can use when planning clean air zones and school streets",
        ],
        benefits: &[
            "councils could target clean air measures where they would prevent the most illness",
            "parents and schools would understand the risk on their own streets",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: true,
        home: &["EA", "DEFRA", "DVLA", "WG"],
        slots: &[],
        titles: &[
            "Catch fly-tippers by matching waste carrier registrations with vehicle data",
            "A national picture of fly-tipping to target enforcement",
            "Share fly-tipping data across council boundaries to catch organised dumping",
        ],
        problems: &[
            "Fly-tipping costs councils millions each year to clear, and very few offenders are caught.",
            "Each council records fly-tipping in its own way, so nobody can see the organised gangs operating across council boundaries.",
        ],
        data: &[
            ("the public register of waste carriers", "EA"),
            ("vehicle keeper records", "DVLA"),
            ("fly-tipping incident reports", "LA"),
            ("ANPR camera data", "POLICE"),
        ],
        actions: &[
            "combine incident reports across council boundaries and match vehicles seen at tipping sites against the waste carrier register",
            "produce a monthly hotspot map for enforcement teams",
        ],
        benefits: &[
            "enforcement would focus on the organised operators who do the most damage",
            "councils would spend less clearing up and more preventing it",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: false,
        home: &["EA", "DEFRA"],
        slots: &[],
        titles: &[
            "Publish live storm overflow data next to bathing water quality",
            "Use sewage overflow monitoring to warn swimmers in real time",
            "Real-time sewage overflow alerts for river and sea swimmers",
        ],
        problems: &[
            "Storm overflows discharge sewage into rivers and the sea many times a year, and swimmers usually only find out afterwards.",
            "Monitors are now fitted to most storm overflows, but the data is published annually and is hard to use.",
        ],
        data: &[
            ("event duration monitoring returns", "EA"),
            ("bathing water quality samples", "EA"),
            ("rainfall radar", "MET"),
        ],
        actions: &[
            "publish overflow events as they happen through an open interface, alongside the nearest bathing water results",
            "model which overflows are most likely to affect water quality after heavy rain",
        ],
        benefits: &[
            "people could decide for themselves when it is safe to swim",
            "regulators would see which overflows need investment first",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: false,
        home: &["FC", "RPA", "DEFRA", "SG"],
        slots: &[],
        titles: &[
            "Find the best land for new woodland using soil, farm and habitat data",
            "Use land use data to hit tree planting targets without losing good farmland",
            "A woodland opportunity map for every farm in England",
        ],
        problems: &[
            "Tree planting targets are well behind schedule, partly because finding suitable land is slow and uncertain.",
            "Planting trees in the wrong place can damage peat, archaeology or valuable farmland.",
        ],
        data: &[
            ("the Rural Land Register", "RPA"),
            ("agricultural land classification maps", "NATE"),
            ("the National Forest Inventory", "FC"),
            ("priority habitat maps", "NATE"),
        ],
        actions: &[
            "score every field for woodland suitability and share the results with landowners and advisers",
            "flag land where planting would conflict with peat, heritage or high-grade farmland before an application is made",
        ],
        benefits: &[
            "applications would be quicker and less likely to be refused",
            "more trees would go in the ground in the places where they do most good",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: true,
        home: &["RPA", "DEFRA", "APHA"],
        slots: &[],
        titles: &[
            "Use satellite imagery to check farm payment claims without site visits",
            "Monitor hedgerows and field margins from space to support the new farming schemes",
            "Replace farm inspections with Earth observation data",
        ],
        problems: &[
            "Inspectors visit farms to check payment claims, which is slow, expensive and disruptive for farmers.",
            "The new environmental land management schemes will pay for outcomes that are hard to check on a single visit.",
        ],
        data: &[
            ("Sentinel satellite imagery", "ESA"),
            ("claim and land parcel records", "RPA"),
            ("the Living England habitat map", "NATE"),
        ],
        actions: &[
            "use satellite imagery to confirm crop cover, mowing and hedgerow management across every claimed parcel",
            "send inspectors only to the parcels where satellite imagery suggests something is wrong",
        ],
        benefits: &[
            "farmers would get fewer visits and faster payments",
            "the agency would cover every claim rather than a small sample",
        ],
    },
    Topic {
        theme: "Levelling up and places",
        personal: false,
        home: &["VOA", "MHCLG", "BEIS", "WG"],
        slots: &[],
        titles: &[
            "Track empty shops on the high street using business rates data",
            "An early warning for high streets in trouble",
            "Measure the health of town centres every quarter, not every census",
            "Quarterly high street vacancy statistics from empty property relief",
        ],
        problems: &[
            "Councils often do not know how many shops are empty in their own town centres until someone walks round and counts them.",
            "High street decline happens gradually and is usually obvious only when it is too late to reverse.",
        ],
        data: &[
            ("the rating list", "VOA"),
            ("business rates empty property relief claims", "LA"),
            ("card spending data", "ONS"),
            ("footfall counts", "LA"),
        ],
        actions: &[
            "produce a quarterly town centre indicator from empty property relief, new business registrations and spending",
            "give each council a dashboard comparing its town centres with similar places",
        ],
        benefits: &[
            "councils could act before decline becomes entrenched",
            "Towns Fund money could be targeted with better evidence",
        ],
    },
    Topic {
        theme: "Levelling up and places",
        personal: false,
        home: &["MHCLG", "ONS", "HMT", "CO"],
        slots: &[],
        titles: &[
            "A levelling up dashboard for every local authority",
            "Measure levelling up with the same numbers in every place",
            "Publish subnational statistics in one place so ministers can see change over time",
            "Agree a small set of local measures to track levelling up over ten years",
        ],
        problems: &[
            "Statistics about places are scattered across dozens of publications, using different geographies and time periods.",
            "Without agreed local measures it will be hard to say in a few years whether levelling up has worked.",
        ],
        data: &[
            ("subnational statistics", "ONS"),
            ("Annual Survey of Hours and Earnings results", "ONS"),
            ("school attainment data", "DFE"),
            ("the Fingertips public health profiles", "PHE"),
        ],
        actions: &[
            "bring the main local indicators onto one open dashboard at local authority level, updated automatically",
            "agree a short list of headline measures with the devolved administrations so that comparisons are fair",
        ],
        benefits: &[
            "everyone would be arguing from the same numbers",
            "councils could learn from places that are improving fastest",
        ],
    },
    Topic {
        theme: "Levelling up and places",
        personal: false,
        home: &["DCMS", "DWP", "GDS"],
        slots: &[],
        titles: &[
            "Target digital inclusion support where people cannot get online",
            "Map digital exclusion to make sure online services do not leave people behind",
            "A small-area index of digital exclusion for councils and charities",
        ],
        problems: &[
            "As more services move online, people without broadband, devices or confidence are being left behind.",
            "We know nationally how many people are offline but not where they live.",
        ],
        data: &[
            ("Connected Nations broadband coverage", "OFCOM"),
            ("the proportion of Universal Credit claims made online", "DWP"),
            ("internet use survey estimates", "ONS"),
        ],
        actions: &[
            "combine broadband coverage, online claim rates and survey estimates into a small-area index of digital exclusion",
            "share a digital exclusion index with libraries, Jobcentres and charities offering devices and training",
        ],
        benefits: &[
            "support would reach the places where people are most cut off",
            "services designed to be digital by default would still be usable by everyone",
        ],
    },
    Topic {
        theme: "Levelling up and places",
        personal: false,
        home: &["DFT", "TS", "WG"],
        slots: &[],
        titles: &[
            "Measure how well buses connect people to jobs, colleges and hospitals",
            "Use open bus timetable data to find places cut off from work",
            "Public transport travel times to work for every neighbourhood",
        ],
        problems: &[
            "In many towns the bus network has shrunk so far that people without a car cannot reach jobs or college.",
            "Bus service decisions are made without a clear picture of how long journeys to work and hospitals take.",
        ],
        data: &[
            ("the Bus Open Data Service", "DFT"),
            ("journey time statistics", "DFT"),
            ("workplace and employment locations", "ONS"),
            ("hospital and college locations", "NHSD"),
        ],
        actions: &[
            "calculate travel times by public transport from every neighbourhood to the nearest jobs, colleges and hospitals",
            "publish public transport travel times to jobs and services so that councils can test changes to routes before making them",
        ],
        benefits: &[
            "bus funding could go where it opens up the most opportunities",
            "young people without a car would have a better chance of getting and keeping a job",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: true,
        home: &["ESFA", "DFE", "HMRC"],
        slots: &[],
        titles: &[
            "Show young people which apprenticeships lead to well-paid work",
            "Use earnings data to measure the value of apprenticeships by sector and place",
            "Earnings outcomes for every apprenticeship standard",
        ],
        problems: &[
            "Young people choose apprenticeships with almost no information about what previous apprentices went on to earn.",
            "Apprenticeship starts have fallen and we cannot easily tell which programmes offer good value.",
        ],
        data: &[
            ("the Individualised Learner Record", "ESFA"),
            ("PAYE earnings records", "HMRC"),
            ("Apprenticeship Levy account data", "ESFA"),
        ],
        actions: &[
            "publish earnings and employment outcomes for each apprenticeship standard, by region",
            "build a simple comparison tool for careers advisers and school leavers",
        ],
        benefits: &[
            "young people could make better-informed choices",
            "employers and providers would have a reason to improve weak programmes",
        ],
    },
    Topic {
        theme: "Economy and business",
        personal: true,
        home: &["DFE", "HMRC", "SG"],
        slots: &[],
        titles: &[
            "Use LEO data to show students what graduates of each course go on to earn",
            "Make graduate outcomes data useful to the people choosing courses",
            "Put graduate earnings data in front of sixth-formers when they choose courses",
        ],
        problems: &[
            "The Longitudinal Education Outcomes data is a world-leading resource, but it is published in a form few students ever see.",
            "Students take on large loans with very little information about the likely return on different courses.",
        ],
        data: &[
            ("Longitudinal Education Outcomes data", "DFE"),
            ("student records", "HESA"),
            ("student loan repayment records", "SLC"),
        ],
        actions: &[
            "feed course-level earnings outcomes into the UCAS search pages, with clear notes on what the figures can and cannot tell you",
            "add regional comparisons to graduate earnings figures so that graduates who stay close to home are not judged against London salaries",
        ],
        benefits: &[
            "students would make more informed choices",
            "universities would have a clearer incentive to improve courses with poor outcomes",
        ],
    },
    Topic {
        theme: "Economy and business",
        personal: false,
        home: &["DIT", "HMRC", "FCDO", "SG"],
        slots: &[],
        titles: &[
            "Find businesses that could export but don't, using HMRC trade data",
            "Target export support at the firms most likely to succeed overseas",
            "Use customs data to predict which small firms are ready to export",
        ],
        problems: &[
            "Only a small share of UK businesses export, and export support reaches mainly the firms that already do.",
            "Advisers find prospective exporters by word of mouth, which misses many firms outside the big cities.",
        ],
        data: &[
            ("customs declarations and trade statistics", "HMRC"),
            ("the Inter-Departmental Business Register", "ONS"),
            ("export support client records", "DIT"),
        ],
        actions: &[
            "build a model of what exporting firms looked like before they started, and use it to find similar firms that do not yet export",
            "give international trade advisers a regional list of promising firms to approach",
        ],
        benefits: &[
            "export support would reach firms that would not otherwise have come forward",
            "more small businesses outside London would start selling overseas",
        ],
    },
    Topic {
        theme: "Economy and business",
        personal: false,
        home: &["CCS", "CO", "HMT"],
        slots: &[],
        titles: &[
            "Publish how quickly each department pays its small suppliers",
            "A single view of what government spends with each supplier",
            "Use spend data to open up public contracts to smaller businesses",
            "Track prompt payment through the supply chain, not just to the first tier",
        ],
        problems: &[
            "Small suppliers are often paid late by the large contractors who sit between them and government.",
            "No one can easily see how much government as a whole spends with a particular supplier.",
            "Contract data is published in several places in different formats, so it is hardly used.",
        ],
        data: &[
            ("Contracts Finder notices", "CCS"),
            ("departmental spend over 25,000 pounds", "ALL"),
            ("prompt payment returns", "CO"),
        ],
        actions: &[
            "combine contract notices, spend data and payment performance into one searchable view of each supplier",
            "flag contracts where payment to the supply chain is consistently slow",
        ],
        benefits: &[
            "commercial teams would negotiate with a full picture of the relationship",
            "small businesses would be paid faster and find it easier to win work",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: true,
        home: &["CO", "GDS", "ONS", "HMRC", "DWP"],
        slots: &["data", "digital", "commercial"],
        titles: &[
            "A skills register so departments can find staff with scarce {v} skills",
            "Stop hiring contractors for {v} skills we already have in-house",
            "Find the {v} talent the Civil Service already has",
        ],
        problems: &[
            "Departments pay contractors for {v} skills that civil servants elsewhere already have, simply because nobody knows who they are.",
            "When an urgent project starts, teams find people with the right {v} skills by asking around.",
        ],
        data: &[
            ("the Single Operating Platform HR records", "CO"),
            ("Civil Service People Survey results", "CO"),
            ("professional framework assessments", "ALL"),
        ],
        actions: &[
            "create a voluntary register where civil servants record their {v} skills and say whether they would take on short assignments",
            "link the register to the profession frameworks so that skills are described in the same way in every department",
        ],
        benefits: &[
            "projects would start faster with the right people",
            "the Civil Service would spend less on contractors and keep more expertise in-house",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: true,
        home: &["GPA", "CO", "HMRC", "DWP"],
        slots: &[],
        titles: &[
            "Use building pass data to right-size the government estate",
            "Plan the office estate for hybrid working with real occupancy data",
            "Measure real office occupancy to plan regional hubs",
        ],
        problems: &[
            "After the pandemic most offices will be used differently, but decisions about the estate are still based on headcount.",
            "We pay for desks that sit empty most days while other buildings are overcrowded.",
        ],
        data: &[
            ("building pass entry records", "GPA"),
            ("desk booking data", "ALL"),
            ("energy use by building", "GPA"),
        ],
        actions: &[
            "combine anonymised pass and desk booking data into a weekly occupancy picture for every building",
            "use weekly occupancy figures to plan consolidations and the new regional hubs",
        ],
        benefits: &[
            "we would save money on buildings we do not need",
            "energy use and carbon emissions would fall",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: true,
        home: &["CO", "HMRC", "DWP", "HO", "MOJ"],
        slots: &[],
        titles: &[
            "Understand why people leave using HR records and People Survey data",
            "Predict where staff turnover will hit hardest and act before it does",
            "Spot teams at risk of losing experienced staff using People Survey results",
        ],
        problems: &[
            "Some teams lose a third of their staff every year, and we only find out why in exit interviews that few people complete.",
            "Recruiting and training a replacement costs thousands of pounds and months of lost productivity.",
        ],
        data: &[
            ("HR leaver records", "ALL"),
            ("Civil Service People Survey results", "CO"),
            ("Civil Service Jobs vacancy data", "CO"),
        ],
        actions: &[
            "link anonymised leaver records to People Survey results at team level to find the early signs of high turnover",
            "give managers a quarterly view of retention risk in their area",
        ],
        benefits: &[
            "more experienced staff would stay",
            "teams would spend less time recruiting and training replacements",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: true,
        home: &["CO", "HMRC", "DWP", "MOD"],
        slots: &[],
        titles: &[
            "Cut time to hire using Civil Service Jobs data",
            "Find the bottlenecks in recruitment with data from every campaign",
            "Measure every stage of recruitment from advert to start date",
        ],
        problems: &[
            "It often takes four months or more to fill a post, and good candidates accept other offers in the meantime.",
            "Nobody can see which stage of recruitment causes the longest delays across departments.",
        ],
        data: &[
            ("Civil Service Jobs applicant data", "CO"),
            ("vetting and clearance timings", "CO"),
            ("HR onboarding records", "ALL"),
        ],
        actions: &[
            "measure each stage of every campaign, from advert to start date, and publish the results by department",
            "find and share the practices of the fastest-hiring teams",
        ],
        benefits: &[
            "posts would be filled sooner",
            "we would lose fewer good candidates to slow processes",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: false,
        home: &["CO", "HMT", "MOD", "HMRC"],
        slots: &[],
        titles: &[
            "Use analytics to catch duplicate invoices across shared services",
            "Automatic checks on finance data to stop paying the same invoice twice",
            "Check every payment, not a sample, with automated finance analytics",
        ],
        problems: &[
            "Duplicate and erroneous payments slip through because invoices are checked by hand, one at a time.",
            "Shared service centres process millions of transactions, but checks are based on small samples.",
        ],
        data: &[
            ("accounts payable transactions", "ALL"),
            ("supplier master data", "ALL"),
            ("the Government Banking Service records", "HMT"),
        ],
        actions: &[
            "run automated checks across all transactions for near-duplicate invoices, changed bank details and unusual patterns",
            "send finance teams a short daily report of suspect payments",
        ],
        benefits: &[
            "public money lost to error and fraud would fall",
            "finance staff would spend less time on routine checking",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: true,
        home: &["CO", "HO", "DWP", "DHSC", "MOJ"],
        slots: &[],
        titles: &[
            "Use text analytics to sort and route ministerial correspondence",
            "Machine learning to triage the correspondence backlog",
            "Suggest the right team and draft reply for every letter using past correspondence",
        ],
        problems: &[
            "Correspondence teams read every letter and email by hand to decide where it should go, and backlogs build up quickly.",
            "Many letters raise the same few issues, but each one is drafted as if it were new.",
        ],
        data: &[
            ("historic correspondence records", "ALL"),
            ("Freedom of Information request logs", "ALL"),
        ],
        actions: &[
            "train a text classifier on past correspondence to suggest the right team and the closest approved reply",
            "show trends in correspondence topics to policy teams every week",
        ],
        benefits: &[
            "people who write to government would get replies faster",
            "policy teams would see emerging issues sooner",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["HMRC", "DWP", "DVLA", "HMPO"],
        slots: &[],
        titles: &[
            "Predict helpline demand so more calls are answered first time",
            "Use contact centre data to fix the reasons people call",
            "Forecast call volumes from the letters we send",
            "Find and fix the letters that make people phone us",
        ],
        problems: &[
            "Helpline queues peak at predictable times, yet rotas do not always follow demand.",
            "A large share of calls are people chasing progress on something they have already applied for.",
        ],
        data: &[
            ("call and webchat records", "HMRC"),
            ("online account activity", "HMRC"),
            ("letter despatch dates", "DWP"),
        ],
        actions: &[
            "forecast call volumes daily from the letters we send and the deadlines we set",
            "analyse why people call and fix the letters and web pages that cause the most contact",
        ],
        benefits: &[
            "callers would wait less",
            "advisers would spend more time on complex cases",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["HMPO", "HO"],
        slots: &[],
        titles: &[
            "Forecast passport demand after the pandemic to avoid a summer backlog",
            "Use expiry dates to smooth passport applications through the year",
            "Passport renewal reminders timed to smooth demand",
        ],
        problems: &[
            "Millions of people put off renewing passports during the pandemic, and they will all want them at once when travel restarts.",
            "Passport demand is very seasonal, and staffing cannot be increased quickly.",
        ],
        data: &[
            ("passport expiry dates", "HMPO"),
            ("application volumes", "HMPO"),
            ("international travel bookings", "DFT"),
        ],
        actions: &[
            "forecast demand from the number of passports expiring each month and the backlog of deferred renewals",
            "send reminders to people with expiring passports in quieter months",
        ],
        benefits: &[
            "fewer people would miss holidays or family visits",
            "the service would avoid expensive overtime and emergency recruitment",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["DVSA", "DFT", "DVLA"],
        slots: &[],
        titles: &[
            "Use data to clear the driving test backlog fairly",
            "Match test centre capacity to where learner drivers live",
            "Move examiner time to where the driving test queues are longest",
        ],
        problems: &[
            "The driving test backlog has grown to hundreds of thousands, and young people are waiting months to take their test.",
            "Some test centres are booked up for months while others nearby have slots available.",
        ],
        data: &[
            ("test booking data", "DVSA"),
            ("provisional licence holders by postcode", "DVLA"),
            ("test pass rates", "DVSA"),
        ],
        actions: &[
            "forecast demand by test centre and move examiner time to where the queues are longest",
            "show learners the nearest centres with earlier slots when they book",
        ],
        benefits: &[
            "learners would wait less time for a test",
            "young people would be able to take up jobs that need a licence",
        ],
    },
    Topic {
        theme: "Crime and justice",
        personal: true,
        home: &["DFT", "DVSA", "HO"],
        slots: &[],
        titles: &[
            "Combine police collision reports with hospital records for a truer picture of road injuries",
            "Find the roads where serious injuries go unreported",
            "Link STATS19 and hospital data to count the road casualties police never see",
        ],
        problems: &[
            "Many road injuries treated in hospital never appear in police collision statistics, especially those involving cyclists.",
            "Road safety money is allocated using collision data that we know misses a large share of casualties.",
        ],
        data: &[
            ("STATS19 collision reports", "DFT"),
            ("Hospital Episode Statistics", "NHSD"),
            ("traffic flow estimates", "DFT"),
        ],
        actions: &[
            "link hospital admissions for road injuries with police reports to estimate where and how often collisions go unreported",
            "publish a corrected map of serious injuries for highway authorities",
        ],
        benefits: &[
            "road safety spending would go to the most dangerous places",
            "cyclists and pedestrians would be better protected",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["HO", "HMRC", "DWP"],
        slots: &[],
        titles: &[
            "Find people who may be eligible for the EU Settlement Scheme but have not applied",
            "Use HMRC and DWP records to reach EU citizens before the settlement deadline",
            "Map where EU citizens still need to apply for settled status",
        ],
        problems: &[
            "The EU Settlement Scheme deadline is 30 June 2021, and the people who have not yet applied are the hardest to reach.",
            "People who miss the deadline could lose access to work, benefits and healthcare, often without realising it.",
        ],
        data: &[
            ("EU Settlement Scheme applications", "HO"),
            ("PAYE and Self Assessment records", "HMRC"),
            ("benefit records", "DWP"),
        ],
        actions: &[
            "match nationality information held by DWP and HMRC against applications to estimate how many people have not applied, and where",
            "share area-level counts with councils and community groups running outreach",
        ],
        benefits: &[
            "fewer people would lose their rights through missing the deadline",
            "outreach funding would go to the places with most people still to apply",
        ],
    },
    Topic {
        theme: "Crime and justice",
        personal: true,
        home: &["HO", "MOJ", "WG"],
        slots: &[],
        titles: &[
            "Use A&E data to map violence that the police never hear about",
            "Roll out the Cardiff Model for violence prevention using hospital data",
            "Share anonymised emergency department data to prevent knife crime",
        ],
        problems: &[
            "Most violent injuries treated in emergency departments are never reported to the police.",
            "Knife crime prevention relies on police data, which shows only part of the picture.",
        ],
        data: &[
            ("anonymised emergency department assault data", "NHSD"),
            ("recorded crime", "POLICE"),
            ("licensed premises locations", "LA"),
        ],
        actions: &[
            "share anonymised information on where and when assaults happen from every emergency department with local community safety partnerships",
            "combine it with police data to find the pubs, streets and times where violence clusters",
        ],
        benefits: &[
            "police and councils could target patrols and licensing at the real hotspots",
            "fewer people would be seriously injured",
        ],
    },
    Topic {
        theme: "Crime and justice",
        personal: true,
        home: &["HO", "DFE", "MOJ"],
        slots: &[],
        titles: &[
            "Link missing episodes and school exclusions to spot child criminal exploitation",
            "An early warning for county lines exploitation using data schools and police already hold",
            "Join up police, school and social care data to protect children from exploitation",
        ],
        problems: &[
            "Children exploited by county lines gangs often go missing, get excluded from school or are arrested far from home long before anyone joins the dots.",
            "Each agency holds a piece of the picture and none of them sees all of it.",
        ],
        data: &[
            ("missing person reports", "POLICE"),
            ("school exclusion records", "DFE"),
            ("children's social care records", "LA"),
        ],
        actions: &[
            "bring these records together in a secure local hub so that safeguarding teams can see patterns across agencies",
            "flag children with several warning signs for a multi-agency review",
        ],
        benefits: &[
            "children would be protected earlier",
            "agencies would spend less time chasing each other for information",
        ],
    },
    Topic {
        theme: "Crime and justice",
        personal: true,
        home: &["BEIS", "HMRC", "CH", "CO", "INSOLV"],
        slots: &["Bounce Back Loans", "Small Business Grants", "furlough claims"],
        titles: &[
            "Cross-check {v} against HMRC and Companies House data to recover fraud",
            "Use data matching to find and recover fraudulent {v}",
        ],
        problems: &[
            "{v} were paid out at speed during the pandemic, with few checks, and fraud losses are likely to be large.",
            "Many fraudulent claims for {v} used companies that were dormant, dissolved or set up the week before.",
        ],
        data: &[
            ("scheme payment records", "BEIS"),
            ("the register of companies", "CH"),
            ("VAT and PAYE records", "HMRC"),
            ("bank account verification results", "CO"),
        ],
        actions: &[
            "match every payment against company status, trading records and bank details to produce a prioritised list for investigation",
            "share the results of data matching with the National Investigation Service and lenders",
        ],
        benefits: &[
            "more public money would be recovered",
            "future emergency schemes could build these checks in from the start",
        ],
    },
    Topic {
        theme: "Economy and business",
        personal: true,
        home: &["HMRC"],
        slots: &[],
        titles: &[
            "Use online marketplace data to find undeclared trading income",
            "Help online sellers get their tax right first time",
            "Nudge online traders to register for tax using platform data",
        ],
        problems: &[
            "Many people selling goods and services online do not realise they need to declare the income, and others deliberately hide it.",
            "The hidden economy is a large part of the tax gap, and it is shifting online.",
        ],
        data: &[
            ("seller data from online platforms", "HMRC"),
            ("Self Assessment returns", "HMRC"),
            ("VAT registrations", "HMRC"),
        ],
        actions: &[
            "compare platform data with tax returns to find sellers whose turnover suggests they should be registered",
            "write to likely sellers first, before any compliance action, so they can put things right",
        ],
        benefits: &[
            "more tax would be paid on time without costly investigations",
            "honest businesses would not be undercut by those who do not pay",
        ],
    },
    Topic {
        theme: "Data infrastructure and sharing",
        personal: true,
        home: &["ONS", "NISRA", "NRS"],
        slots: &[],
        titles: &[
            "Use administrative data to keep population estimates up to date between censuses",
            "Population statistics every year, not every ten years",
            "Admin-based population estimates to follow Census 2021",
        ],
        problems: &[
            "Population estimates drift further from reality every year after a census, and funding formulas drift with them.",
            "Local authorities plan schools and care with population figures that can be years out of date.",
        ],
        data: &[
            ("tax and benefit records", "HMRC"),
            ("patient registrations", "NHSD"),
            ("school census returns", "DFE"),
            ("Census 2021 results", "ONS"),
        ],
        actions: &[
            "build annual population estimates from linked administrative records, checked against Census 2021",
            "publish the method for administrative population estimates openly so that users can see its strengths and weaknesses",
        ],
        benefits: &[
            "funding would follow people more closely",
            "public services could be planned with up-to-date numbers",
        ],
    },
    Topic {
        theme: "Data infrastructure and sharing",
        personal: false,
        home: &["ONS", "GDS", "HMLR", "CO"],
        slots: &[],
        titles: &[
            "Make the UPRN mandatory in every government dataset with an address",
            "Use unique property reference numbers to link data about homes across government",
            "A free shared address service for every government system",
        ],
        problems: &[
            "Every department matches addresses in its own way, and a great deal of effort is wasted cleaning the same addresses over and over.",
            "Address matching errors mean records about the same home are never brought together.",
        ],
        data: &[
            ("AddressBase", "OS"),
            ("the title register", "HMLR"),
            ("council tax records", "VOA"),
        ],
        actions: &[
            "require the unique property reference number to be recorded alongside every address that government collects",
            "offer a free shared address lookup service so that departments capture it at the point of entry",
        ],
        benefits: &[
            "linking data about places would become quick and reliable",
            "analysts would stop spending days cleaning addresses",
        ],
    },
    Topic {
        theme: "Data infrastructure and sharing",
        personal: false,
        home: &["ONS", "GDS", "CO", "DFT"],
        slots: &[],
        titles: &[
            "Publish departmental statistics through APIs, not PDFs and spreadsheets",
            "Machine-readable official statistics as standard",
            "Tidy data and open APIs for every official statistics release",
        ],
        problems: &[
            "Official statistics are often published as PDFs or spreadsheets with merged cells, which are hard to reuse.",
            "Users scrape and retype published figures, introducing errors and wasting time.",
        ],
        data: &[
            ("official statistics releases", "ALL"),
            ("GOV.UK publishing records", "GDS"),
        ],
        actions: &[
            "set a common standard for publishing statistics as tidy data with an API, alongside the human-readable release",
            "convert the most-used statistical releases first, then make machine-readable publishing the default",
        ],
        benefits: &[
            "statistics would be reused more widely and more accurately",
            "analysts across government would save time",
        ],
    },
    Topic {
        theme: "Data infrastructure and sharing",
        personal: true,
        home: &["ONS", "GDS", "HMRC", "DWP"],
        slots: &[],
        titles: &[
            "Create synthetic versions of sensitive datasets so analysts can start work before access is approved",
            "Synthetic data to speed up development and testing",
            "Realistic fake data for testing government systems safely",
        ],
        problems: &[
            "Analysts and developers can wait months for access to sensitive data, even when they only need to build and test code.",
            "Testing with real personal data creates risks that would be avoided with realistic synthetic data.",
        ],
        data: &[
            ("benefit claimant records", "DWP"),
            ("taxpayer records", "HMRC"),
            ("the Labour Force Survey", "ONS"),
        ],
        actions: &[
            "generate synthetic versions of the most-requested datasets that keep their structure and broad patterns but contain no real person",
            "publish synthetic datasets with clear guidance on what they can and cannot be used for",
        ],
        benefits: &[
            "projects would start sooner",
            "fewer people would need access to real personal data",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["WG", "DVLA", "HMRC", "CH", "WRA"],
        slots: &[],
        titles: &[
            "Record language choice once so people in Wales get services in Welsh without asking again",
            "Use data on Welsh language preference to plan bilingual services",
            "Ask once, remember always: a shared Welsh language preference",
        ],
        problems: &[
            "People who want to deal with government in Welsh have to ask again with each organisation, and often with each letter.",
            "Organisations plan Welsh language services without knowing how many people would use them.",
        ],
        data: &[
            ("language preference fields in customer records", "ALL"),
            ("the Annual Population Survey on Welsh speakers", "ONS"),
            ("Welsh language service usage", "WG"),
        ],
        actions: &[
            "record a person's language choice once and share it, with their consent, across the bodies they deal with",
            "use language preference data to plan bilingual staffing in contact centres",
        ],
        benefits: &[
            "Welsh speakers would be able to use their language without having to ask",
            "organisations could meet their Welsh language standards more efficiently",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["SG"],
        slots: &[],
        titles: &[
            "Use DWP data to find families eligible for the Scottish Child Payment",
            "Join up Scottish and UK benefit data to increase take-up of the new Scottish benefits",
            "Automatic invitations to apply for Scottish Child Payment",
        ],
        problems: &[
            "The Scottish Child Payment depends on families already receiving a qualifying UK benefit, yet many eligible families have not applied.",
            "Social Security Scotland has to ask families for information DWP already holds.",
        ],
        data: &[
            ("Universal Credit and tax credit records", "DWP"),
            ("client records", "SSS"),
            ("council tax reduction data", "LA"),
        ],
        actions: &[
            "agree a regular data share so that Social Security Scotland can contact families receiving a qualifying benefit",
            "pre-fill Scottish Child Payment applications with information already held",
        ],
        benefits: &[
            "more low-income families would receive the payment",
            "applications would be quicker to make and to process",
        ],
    },
    Topic {
        theme: "Levelling up and places",
        personal: false,
        home: &["DOFNI", "NISRA", "DFCNI"],
        slots: &[],
        titles: &[
            "Join up land and property data across Northern Ireland for rates and planning",
            "A single property dataset for Northern Ireland",
            "Find vacant and derelict property in Northern Ireland from rates data",
        ],
        problems: &[
            "In Northern Ireland, property information for rating, planning and housing is held in separate systems that do not line up.",
            "Vacant and derelict properties are hard to identify from the data we hold.",
        ],
        data: &[
            ("the valuation list", "LPS"),
            ("planning applications", "DFCNI"),
            ("Northern Ireland Housing Executive stock data", "DFCNI"),
        ],
        actions: &[
            "link the main property datasets using a common property reference",
            "publish a combined map of vacant and derelict property for councils",
        ],
        benefits: &[
            "rates would be collected more fairly",
            "councils could bring empty homes back into use",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["MHCLG", "DWP", "WG"],
        slots: &[],
        titles: &[
            "Prevent homelessness by spotting the warning signs in rent arrears and benefit data",
            "Find households at risk of eviction before the notice arrives",
            "Use possession claims and arrears data to prevent evictions after the ban ends",
        ],
        problems: &[
            "Councils usually meet people at risk of homelessness when an eviction notice has already been served and options are limited.",
            "The end of the eviction ban will put many households at risk, and councils need to know where to focus.",
        ],
        data: &[
            ("homelessness case-level data (H-CLIC)", "MHCLG"),
            ("housing costs in Universal Credit", "DWP"),
            ("council tax arrears", "LA"),
            ("possession claims", "HMCTS"),
        ],
        actions: &[
            "combine arrears, benefit changes and possession claims to flag households at risk, so that councils can offer help early",
            "evaluate which prevention measures keep people in their homes",
        ],
        benefits: &[
            "fewer families would lose their homes",
            "councils would spend less on temporary accommodation",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: false,
        home: &["MET", "DFT", "TS"],
        slots: &[],
        titles: &[
            "Share road surface forecasts with councils to target winter gritting",
            "Grit the right roads at the right time using Met Office data",
            "Road-level ice forecasts for every highway authority",
        ],
        problems: &[
            "Councils grit whole routes on forecasts that are not specific to their roads, wasting salt on some and missing others.",
            "Ice-related crashes and falls put a strain on the NHS every winter.",
        ],
        data: &[
            ("road surface temperature forecasts", "MET"),
            ("road weather station readings", "LA"),
            ("collision data", "DFT"),
        ],
        actions: &[
            "provide road-level forecasts to every highway authority and plan gritting routes from them",
            "compare salt use and collisions before and after road-level forecasts are introduced",
        ],
        benefits: &[
            "councils would save salt and money",
            "fewer people would be hurt on icy roads",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: false,
        home: &["MET", "PHE", "DHSC"],
        slots: &[],
        titles: &[
            "Combine heatwave forecasts with care home locations to protect vulnerable residents",
            "A heat-health early warning for care homes",
            "Local heat alerts sent straight to care homes",
        ],
        problems: &[
            "Heatwaves cause hundreds of extra deaths, mostly among older people in care homes and at home.",
            "Heat-health alerts are issued at regional level, which is too broad for care homes to act on.",
        ],
        data: &[
            ("local temperature forecasts", "MET"),
            ("care home locations", "CQC"),
            ("mortality statistics", "ONS"),
        ],
        actions: &[
            "send local heat alerts directly to care homes and home care providers with practical advice",
            "map care homes most at risk from overheating",
        ],
        benefits: &[
            "fewer older people would die in heatwaves",
            "providers could plan staffing and cooling in advance",
        ],
    },
    Topic {
        theme: "Net zero and environment",
        personal: false,
        home: &["GPA", "BEIS", "CO", "DEFRA"],
        slots: &[],
        titles: &[
            "Publish live energy use for every government building",
            "Use smart meter data to cut the carbon footprint of the government estate",
            "Half-hourly energy data to find government buildings heated while empty",
        ],
        problems: &[
            "Government has committed to cutting emissions from its estate, but most departments report energy use only once a year.",
            "Buildings are heated and lit when empty because nobody sees the data.",
        ],
        data: &[
            ("smart meter readings", "GPA"),
            ("Greening Government Commitments returns", "DEFRA"),
            ("building occupancy data", "GPA"),
        ],
        actions: &[
            "publish half-hourly energy use for every building on an open dashboard",
            "flag buildings whose use does not match their occupancy",
        ],
        benefits: &[
            "departments would save on energy bills",
            "emissions from the estate would fall faster",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: true,
        home: &["DHSC", "PHE", "CO", "WG", "SG"],
        slots: &[],
        titles: &[
            "Use local data to raise COVID-19 vaccine uptake in low-uptake communities",
            "Target vaccine outreach street by street using uptake and deprivation data",
            "Small-area vaccine uptake maps for local outreach teams",
        ],
        problems: &[
            "COVID-19 vaccine uptake is lower in some communities, and national campaigns do not reach them well.",
            "Local teams know uptake is low in their area but not exactly where or among whom.",
        ],
        data: &[
            ("vaccination records", "NHSD"),
            ("the Index of Multiple Deprivation", "MHCLG"),
            ("census ethnicity and language data", "ONS"),
        ],
        actions: &[
            "produce small-area uptake maps for local outreach teams, with the main languages spoken in each area",
            "test different outreach approaches and share what works",
        ],
        benefits: &[
            "more people would be protected",
            "health inequalities would narrow rather than widen",
        ],
    },
    Topic {
        theme: "Workforce and productivity",
        personal: true,
        home: &["HMRC", "DWP", "HMT", "BEIS"],
        slots: &[],
        titles: &[
            "Use furlough data to target job support when the scheme ends",
            "Know which sectors and places face the biggest job losses after furlough",
            "Plan Jobcentre capacity for the end of furlough using HMRC data",
        ],
        problems: &[
            "When the Coronavirus Job Retention Scheme closes, some furloughed jobs will not come back, and we do not know where the losses will fall.",
            "Jobcentres need to plan for a rise in claims without knowing its size or timing.",
        ],
        data: &[
            ("Coronavirus Job Retention Scheme claims", "HMRC"),
            ("Real Time Information on pay", "HMRC"),
            ("Universal Credit claims", "DWP"),
        ],
        actions: &[
            "track the employees still on furlough by sector and area, and share the figures with Jobcentres",
            "plan work coach numbers and Kickstart places using furlough data",
        ],
        benefits: &[
            "support would be ready in the right places",
            "people who lose their jobs would get help sooner",
        ],
    },
    Topic {
        theme: "Crime and justice",
        personal: true,
        home: &["LAA", "MOJ", "HMCTS"],
        slots: &[],
        titles: &[
            "Map legal aid deserts using Legal Aid Agency and court data",
            "Where can people not get legal advice? Match legal aid providers to local need",
            "Use court case volumes to plan legal aid contracts where need is greatest",
        ],
        problems: &[
            "In parts of England and Wales there is no legal aid provider for housing or community care, and people have to travel long distances or go without.",
            "Decisions on legal aid contracts are made without a clear picture of unmet need.",
        ],
        data: &[
            ("legal aid provider locations and case volumes", "LAA"),
            ("possession and family court cases", "HMCTS"),
        ],
        actions: &[
            "compare provider capacity with the volume of cases in each area to identify advice deserts",
            "use evidence on advice deserts when tendering new legal aid contracts",
        ],
        benefits: &[
            "people would be able to get advice closer to home",
            "problems would be resolved before they reach court",
        ],
    },
    Topic {
        theme: "Health and care",
        personal: true,
        home: &["APHA", "DEFRA", "WG"],
        slots: &[],
        titles: &[
            "Combine TB testing and cattle movement data to predict bovine TB outbreaks",
            "Use cattle movement data to stop bovine TB spreading between herds",
            "A herd-level risk score for bovine TB",
        ],
        problems: &[
            "Bovine TB costs taxpayers and farmers over a hundred million pounds a year in England alone.",
            "Infection spreads through cattle movements, but risk is assessed herd by herd.",
        ],
        data: &[
            ("the Cattle Tracing System", "RPA"),
            ("TB test results", "APHA"),
            ("farm locations", "RPA"),
        ],
        actions: &[
            "build a risk model using movement networks and test history to predict which herds are most likely to become infected",
            "target extra testing and advice at the herds most at risk",
        ],
        benefits: &[
            "outbreaks would be caught earlier",
            "fewer cattle would need to be slaughtered",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["MOD", "CO", "DWP"],
        slots: &[],
        titles: &[
            "Link service leaver records with NHS and DWP data to support veterans",
            "Understand veterans' outcomes by joining up data across government",
            "Official statistics on how veterans fare after leaving the armed forces",
        ],
        problems: &[
            "We know surprisingly little about how veterans fare after leaving the armed forces, especially those who struggle.",
            "Services for veterans are spread across many organisations that do not share information.",
        ],
        data: &[
            ("service leaver records", "MOD"),
            ("benefit records", "DWP"),
            ("NHS patient data", "NHSD"),
        ],
        actions: &[
            "link these records in a secure environment to produce statistics on veterans' health, employment and housing",
            "use linked data on veterans to target support at the groups doing worst",
        ],
        benefits: &[
            "support would reach veterans who need it",
            "we would be able to measure whether the Armed Forces Covenant is working",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["FCDO", "HMPO"],
        slots: &[],
        titles: &[
            "Use travel data to contact British nationals quickly in a crisis abroad",
            "A consent-based register so consular teams can reach British travellers in an emergency",
        ],
        problems: &[
            "When a crisis hits abroad, consular staff often do not know how many British nationals are in the area or how to reach them.",
            "Travel advice updates reach people only if they happen to check.",
        ],
        data: &[
            ("passport records", "HMPO"),
            ("voluntary traveller registrations", "FCDO"),
        ],
        actions: &[
            "let travellers opt in to share their plans and contact details, and use them to send targeted alerts",
            "estimate numbers in an area quickly during an emergency",
        ],
        benefits: &[
            "British nationals would get help faster",
            "consular teams could plan evacuations better",
        ],
    },
    Topic {
        theme: "Better public services",
        personal: true,
        home: &["CO", "HMRC", "DWP", "DVLA"],
        slots: &[],
        titles: &[
            "A single view of debt owed to government, so people are not chased by several departments at once",
            "Fairer debt collection by joining up what people owe across government",
            "One affordable repayment plan for everything a person owes to government",
        ],
        problems: &[
            "People in financial difficulty can owe money to HMRC, DWP, their council and the courts, each of which chases them separately.",
            "Aggressive collection by one creditor can push someone into default with all the others.",
        ],
        data: &[
            ("tax debt records", "HMRC"),
            ("benefit overpayment records", "DWP"),
            ("court fine records", "HMCTS"),
            ("council tax arrears", "LA"),
        ],
        actions: &[
            "share debt information, with consent, so that one affordable repayment plan can cover what someone owes to government",
            "flag people in vulnerable circumstances so that every creditor treats them consistently",
        ],
        benefits: &[
            "people would be more likely to repay",
            "fewer people would be pushed into crisis by debt collection",
        ],
    },
    Topic {
        theme: "Economy and business",
        personal: false,
        home: &["ONS", "DFE", "DWP", "BEIS"],
        slots: &[],
        titles: &[
            "Use online job adverts to spot skills shortages early",
            "Near real-time vacancy data to plan training and adult skills",
            "Weekly skills demand statistics from online job adverts",
        ],
        problems: &[
            "Official vacancy statistics do not show which skills employers are asking for, or where.",
            "Skills funding is planned years ahead, while demand from employers changes fast.",
        ],
        data: &[
            ("online job advert data", "ONS"),
            ("the Employer Skills Survey", "DFE"),
            ("the Labour Force Survey", "ONS"),
        ],
        actions: &[
            "classify online job adverts by occupation, skill and location every week",
            "share weekly figures on skills demand with colleges and local enterprise partnerships",
        ],
        benefits: &[
            "training would match the jobs that are actually available",
            "employers would find staff more easily",
        ],
    },
    Topic {
        theme: "Data infrastructure and sharing",
        personal: false,
        home: &["CO", "GDS", "HO", "DWP"],
        slots: &[],
        titles: &[
            "Standard data sharing agreements to cut months off every data share",
            "A template and a single approval route for sharing data between departments",
            "A public register of data shares between departments",
        ],
        problems: &[
            "Every data share between departments is negotiated from scratch, and legal and security reviews can take a year.",
            "Teams give up on valuable projects because agreeing the paperwork takes longer than the analysis.",
        ],
        data: &[
            ("existing data sharing agreements", "ALL"),
            ("Digital Economy Act registers", "CO"),
        ],
        actions: &[
            "publish a standard agreement and a single approval route for common types of data share",
            "keep a public register of agreements so that teams can reuse what has already been approved",
        ],
        benefits: &[
            "data shares would take weeks rather than months",
            "the public could see what data is shared and why",
        ],
    },
    Topic {
        theme: "Economy and business",
        personal: false,
        home: &["IPO", "BEIS"],
        slots: &[],
        titles: &[
            "Link patent and trade mark data with business records to see which firms innovate",
            "Use intellectual property data to find high-growth firms outside the South East",
            "Put intellectual property data to work for regional growth",
        ],
        problems: &[
            "Innovation support goes mainly to firms that already know how to apply for it, most of them in the South East.",
            "We cannot easily see which firms are innovating, because intellectual property data is not linked to business records.",
        ],
        data: &[
            ("patent and trade mark registrations", "IPO"),
            ("the Inter-Departmental Business Register", "ONS"),
            ("R&D tax credit claims", "HMRC"),
        ],
        actions: &[
            "match intellectual property records to company data and publish regional statistics on innovative firms",
            "use linked intellectual property and business data to invite promising firms to apply for support",
        ],
        benefits: &[
            "innovation funding would spread more evenly across the country",
            "policy makers would have a much better picture of where innovation happens",
        ],
    },
];
