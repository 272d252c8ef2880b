//! The pairs DEFAULT_THRESHOLD and WORDING_FLOOR were chosen from: reworded duplicates must score
//! at or above the threshold and share wording well above the floor, different ideas on the same
//! topic score below the threshold, and ideas on different topics very low.

use rstest::rstest;
use shortlist_similar::{similarity, Fingerprint, DEFAULT_THRESHOLD, WORDING_FLOOR};

/// An idea as (title, body).
type Idea = (&'static str, &'static str);

/// The same idea twice, in different words or with small edits.
const DUPLICATES: &[(Idea, Idea)] = &[
    (
        (
            "Use HMRC and DWP data to find households missing out on Pension Credit",
            "Many eligible pensioners never claim Pension Credit. HMRC and DWP already hold income data \
             that could identify them, so we could write to them directly.",
        ),
        (
            "Find pensioners who miss out on Pension Credit by matching DWP and HMRC records",
            "Match DWP benefit records against HMRC income records to identify pensioners who are \
             eligible for Pension Credit but not claiming it, and contact them.",
        ),
    ),
    (
        (
            "Stop printing payslips",
            "Every month we print and post paper payslips to staff who can already see them online. \
             Stop printing them and save paper and postage.",
        ),
        (
            "Switch off paper payslips",
            "We still print payslips and post them to every member of staff even though they are \
             available online in the HR system. Ending paper payslips would save printing and postage costs.",
        ),
    ),
    (
        (
            "Release unused meeting room bookings automatically",
            "Meeting rooms are often booked but nobody turns up. The booking system should release a \
             room if nobody checks in within 15 minutes.",
        ),
        (
            "Automatic release of meeting rooms when nobody checks in",
            "Lots of rooms sit empty because people book them and don't show up. Rooms not checked into \
             within 15 minutes of the booking start should be freed automatically for others.",
        ),
    ),
    (
        (
            "Reuse laptops from leavers instead of buying new ones",
            "When staff leave, their laptops are often scrapped. IT could wipe and reissue them to new \
             starters, cutting spending on new laptops.",
        ),
        (
            "Reissue leavers' laptops to new starters",
            "Rather than buying new laptops for every new starter, wipe and reuse the laptops returned by \
             staff who leave the department.",
        ),
    ),
    (
        (
            "Rewrite tax letters in plain English",
            "HMRC letters are full of jargon and people ring the helpline to ask what they mean. \
             Rewriting the most common letters in plain English would cut calls.",
        ),
        (
            "Plain English for HMRC letters to reduce helpline calls",
            "A lot of calls to the helpline come from people confused by the jargon in our letters. If we \
             rewrote the common letters in plain English, fewer people would need to call.",
        ),
    ),
    (
        (
            "One login for all internal systems",
            "Staff have to remember separate passwords for the HR system, expenses, the intranet and \
             finance. A single sign-on would save time and reduce password resets.",
        ),
        (
            "Single sign-on for HR, expenses and finance systems",
            "We waste time logging into each internal system with a different password, and the IT \
             helpdesk spends hours on password resets. Introduce single sign-on across them.",
        ),
    ),
    (
        (
            "Default to train instead of flights for domestic travel",
            "Require staff to travel by train for journeys within Great Britain unless flying is cheaper \
             overall, to cut carbon emissions.",
        ),
        (
            "Use trains not planes for UK business travel",
            "Domestic flights should only be booked when the train is not practical. Travelling by train \
             cuts carbon emissions and is often cheaper once you count time at the airport.",
        ),
    ),
    (
        (
            "Text message reminders for jobcentre appointments",
            "Send claimants a text message reminder the day before their jobcentre appointment to reduce \
             missed appointments and sanctions.",
        ),
        (
            "SMS reminders for Jobcentre appointments",
            "Send every claimant a text reminder the day before their Jobcentre appointment, to cut missed \
             appointments and the sanctions that follow.",
        ),
    ),
    (
        (
            "Publish all government contracts over £10k as open data",
            "Contracts over £10,000 should be published as open data in a standard format so that anyone \
             can see who the government is paying and for what.",
        ),
        (
            "Open data on government contracts",
            "Publish every government contract worth more than £10k in a standard open data format, so \
             the public can see which suppliers are paid and what for.",
        ),
    ),
];

/// Two different ideas about the same topic: a person would not call them duplicates.
const SAME_TOPIC: &[(Idea, Idea)] = &[
    (
        (
            "Use school attendance data to spot children at risk",
            "Link school attendance records with social care data so councils can spot children at risk \
             of harm earlier.",
        ),
        (
            "Publish school attendance data weekly",
            "Publish national school attendance statistics every week instead of every term, so schools \
             can compare themselves with similar schools.",
        ),
    ),
    (
        (
            "Use HMRC and DWP data to find households missing out on Pension Credit",
            "Many eligible pensioners never claim Pension Credit. HMRC and DWP already hold income data \
             that could identify them, so we could write to them directly.",
        ),
        (
            "Simplify the Pension Credit application form",
            "The Pension Credit claim form is 24 pages long. Cut it to the questions we really need and \
             let people apply by phone.",
        ),
    ),
    (
        (
            "Stop printing payslips",
            "Every month we print and post paper payslips to staff who can already see them online. \
             Stop printing them and save paper and postage.",
        ),
        (
            "Show pension contributions on payslips",
            "Payslips should show the employer pension contribution as well as the employee's, so staff \
             see the full value of their pay.",
        ),
    ),
    (
        (
            "Release unused meeting room bookings automatically",
            "Meeting rooms are often booked but nobody turns up. The booking system should release a \
             room if nobody checks in within 15 minutes.",
        ),
        (
            "Turn unused meeting rooms into quiet working space",
            "Some floors have more meeting rooms than we need. Convert a few into quiet rooms for \
             focused work.",
        ),
    ),
    (
        (
            "Reuse laptops from leavers instead of buying new ones",
            "When staff leave, their laptops are often scrapped. IT could wipe and reissue them to new \
             starters, cutting spending on new laptops.",
        ),
        (
            "Give staff lighter laptops",
            "Our laptops are heavy to carry to the office on hybrid days. Buy lighter models at the next \
             refresh.",
        ),
    ),
    (
        (
            "Rewrite tax letters in plain English",
            "HMRC letters are full of jargon and people ring the helpline to ask what they mean. \
             Rewriting the most common letters in plain English would cut calls.",
        ),
        (
            "Send tax letters by email",
            "HMRC still posts most letters. Let people opt in to receive their tax letters by email \
             through their online account, saving postage.",
        ),
    ),
    (
        (
            "Default to train instead of flights for domestic travel",
            "Require staff to travel by train for journeys within Great Britain unless flying is cheaper \
             overall, to cut carbon emissions.",
        ),
        (
            "Let staff book their own train tickets",
            "Booking train travel through the central travel agent is slow and often dearer. Let staff \
             book tickets directly and claim the cost back.",
        ),
    ),
    (
        (
            "Text message reminders for jobcentre appointments",
            "Send claimants a text message reminder the day before their jobcentre appointment to reduce \
             missed appointments and sanctions.",
        ),
        (
            "Longer jobcentre appointments for claimants with complex needs",
            "Ten minute appointments are too short for claimants with health conditions or complex needs. \
             Allow 30 minute appointments for them.",
        ),
    ),
    (
        (
            "One login for all internal systems",
            "Staff have to remember separate passwords for the HR system, expenses, the intranet and \
             finance. A single sign-on would save time and reduce password resets.",
        ),
        (
            "Provide a password manager for staff",
            "Give staff a password manager so they can store their passwords securely instead of writing \
             them down.",
        ),
    ),
];

#[rstest]
fn reworded_duplicates_are_flagged(#[values(0, 1, 2, 3, 4, 5, 6, 7, 8)] i: usize) {
    let (a, b) = DUPLICATES[i];
    let score = similarity(a.0, a.1, b.0, b.1);
    assert!(
        score >= DEFAULT_THRESHOLD,
        "{:?} / {:?} is the same idea reworded, so must reach the default threshold {DEFAULT_THRESHOLD}, \
         scored {score:.3}",
        a.0,
        b.0
    );
}

#[rstest]
fn same_topic_different_ideas_are_not_flagged(#[values(0, 1, 2, 3, 4, 5, 6, 7, 8)] i: usize) {
    let (a, b) = SAME_TOPIC[i];
    let score = similarity(a.0, a.1, b.0, b.1);
    assert!(
        score < DEFAULT_THRESHOLD,
        "{:?} / {:?} are different ideas on one topic, so must stay below {DEFAULT_THRESHOLD}, scored {score:.3}",
        a.0,
        b.0
    );
}

#[test]
fn ideas_on_different_topics_score_low() {
    for (i, (a, _)) in DUPLICATES.iter().enumerate() {
        for (j, (_, b)) in DUPLICATES.iter().enumerate() {
            if i != j {
                let score = similarity(a.0, a.1, b.0, b.1);
                assert!(score < 0.2, "{:?} / {:?} are unrelated ideas, scored {score:.3}", a.0, b.0);
            }
        }
    }
}

#[test]
fn threshold_sits_in_the_gap_with_margin() {
    let dup_min = DUPLICATES.iter().map(|(a, b)| similarity(a.0, a.1, b.0, b.1)).fold(1.0, f64::min);
    let topic_max = SAME_TOPIC.iter().map(|(a, b)| similarity(a.0, a.1, b.0, b.1)).fold(0.0, f64::max);
    assert!(
        dup_min - DEFAULT_THRESHOLD >= 0.03 && DEFAULT_THRESHOLD - topic_max >= 0.02,
        "the threshold should not sit on the edge of either group: duplicates from {dup_min:.3}, \
         same-topic pairs up to {topic_max:.3}"
    );
}

#[rstest]
fn reworded_duplicates_share_enough_wording(#[values(0, 1, 2, 3, 4, 5, 6, 7, 8)] i: usize) {
    let (a, b) = DUPLICATES[i];
    let wording = Fingerprint::new(a.0, a.1).wording_similarity(&Fingerprint::new(b.0, b.1));
    // With a margin: the floor must rule out chance pairs, never a reworded idea.
    assert!(
        wording >= WORDING_FLOOR + 0.05,
        "{:?} / {:?} is the same idea reworded, so its shared wording must clear the floor \
         {WORDING_FLOOR} with room to spare, had {wording:.3}",
        a.0,
        b.0
    );
}
