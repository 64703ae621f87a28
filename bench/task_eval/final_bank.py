"""Hand-written routing set for one final evaluation of the task router (``final.jsonl``).

    python -m bench.task_eval.generate --set final    # rewrites bench/task_eval/final.jsonl

Every prompt here was written by hand, one at a time, as a literal string, in the voices of
different users (terse, chatty, formal, non-native English, the odd typo, markdown, bullet
points): nothing is templated or drawn at random. It was written after the router's design
was settled and after the three generated sets (``prompts.jsonl``, ``dev.jsonl``,
``test.jsonl``), by someone who had not seen the router's code, and no router or classifier
was run on it while it was written. It is for evaluation only, once, at the end: never to
train, tune or choose anything.

Groups as Spec-Bench names them, 50 prompts each: translation (any language pair, either
direction), summarization (a text of 800-3000 characters to condense), qa (a short factual
question with no context), math_reasoning (a grade-school word problem), rag (a passage or
several retrieved snippets, and a question answered from them), mt_bench (writing,
roleplay, reasoning puzzles, coding, extraction, STEM and humanities, some multi-turn);
plus 30 ``ood`` prompts that ask for nothing (logs, dumps, configuration, data, noise). The
summarization and rag prompts draw on one pool of 50 passages in varied genres (news,
manuals, contract clauses, emails, minutes, recipes, abstracts, forum threads, ...), each
used by exactly two prompts: one asks for a summary, the other asks a question about it.
Topics, names and places were checked against the other three banks and Spec-Bench, and
chosen apart from them.

Licence: written for specq and distributed under the project's licence (Apache-2.0). No
Spec-Bench prompt, passage or topic list was copied, nor anything from the other banks.
"""

from __future__ import annotations

from pathlib import Path

from bench.task_eval.hand_written import labelled_rows, write_rows

FINAL_OUT = Path(__file__).with_name("final.jsonl")

# ------------------------------------------------------------------------------ passages
# Each passage is used by two prompts below: a summary request and a question about it.

SPEED_LIMIT = (
    "BRACKENFORD — Drivers in Brackenford will have to slow down from the spring after the town "
    "council voted on Tuesday night to make 20 mph the default speed limit on every residential "
    "street.\n\n"
    "The new limit will come into force on 1 April and will cover about 85% of the town's roads. The "
    "main through routes — the A614 bypass, Station Road, Mill Street and the Leeming Road industrial "
    "estate — will stay at 30 or 40 mph. Councillors approved the plan by 19 votes to 7 after a debate "
    "that lasted nearly three hours and was watched by more than a hundred residents in the public "
    "gallery and online.\n\n"
    "The scheme will cost around £240,000, most of it for new signs and painted road markings, and "
    "will be paid for from the county's road-safety budget. Police will enforce the limit in the same "
    "way as any other, and two of the town's speed cameras will be recalibrated. Officers said they "
    "would concentrate on streets near schools in the first months.\n\n"
    "Supporters pointed to figures from towns that introduced similar limits, where the number of "
    "people killed or seriously injured on residential roads fell by around a fifth within three "
    "years. Councillor Roisin Rahimi, who proposed the motion, said she had been moved by a petition "
    'signed by 2,300 parents. "Most of these streets have cars parked on both sides and children '
    'walking to school between them," she said. "At 20 mph a driver can stop in about half the '
    'distance."\n\n'
    "Opponents argued that the change would lengthen journeys and that most residential streets were "
    "already too narrow to drive fast on. The Brackenford Taxi Association said its drivers would lose "
    "fares if journeys took longer, and a petition against the scheme collected 1,100 signatures. In a "
    "public consultation last autumn, 58% of the 3,400 residents who responded supported the plan.\n\n"
    "The council has promised to publish data on speeds, collisions and journey times after twelve "
    "months and to review any street where the new limit is widely ignored."
)

THERMOSTAT = (
    "## Setting up a weekly schedule\n\n"
    "Your Brisa T4 can follow a different heating schedule for every day of the week. Each day has up "
    "to six *periods*; a period starts at a time you choose and holds one target temperature until the "
    "next period begins.\n\n"
    "**To create a schedule from the thermostat:**\n\n"
    "1. Press and hold the dial for two seconds to open the menu.\n"
    "2. Turn the dial to **Schedule** and press once.\n"
    "3. Choose a day, or choose **Mon–Fri** or **Sat–Sun** to edit several days together.\n"
    "4. For each period, turn the dial to set the start time (in 15-minute steps), press, then set the "
    "temperature (5.0–30.0 °C in 0.5° steps) and press again.\n"
    "5. To delete a period, set its start time to `--:--`.\n"
    "6. Press and hold the dial to save. The display shows a small calendar icon while a schedule is "
    "active.\n\n"
    "**Eco mode.** When you leave home, press the leaf button. Eco mode ignores the schedule and holds "
    "16 °C (you can change this under *Settings → Eco temperature*) until you press the leaf button "
    "again or the next day's first period begins, whichever comes first.\n\n"
    "**Boost.** Pressing the flame button raises the target by 2 °C for 30 minutes. Pressing it again "
    "cancels the boost early. Boost cannot be used while the window-open detection is active.\n\n"
    "**Window-open detection.** If the room temperature falls by more than 1.5 °C within five minutes, "
    "the T4 assumes a window has been opened and switches the heating off for up to 20 minutes. A "
    "blinking window symbol is shown during this time.\n\n"
    "> **Note:** If the thermostat loses power for more than 48 hours, the clock resets but the "
    "schedule is kept. Set the time again under *Settings → Clock*, or connect the T4 to the app and "
    "the time will be set automatically.\n\n"
    "If the heating does not respond at all, check that the boiler switch is set to **Auto** rather "
    "than **Manual**; in Manual mode the boiler ignores every signal from the thermostat."
)

SUBLET_CLAUSE = (
    "14. SUBLETTING AND ASSIGNMENT\n\n"
    "14.1 The Tenant shall not assign, sublet, part with or share possession of the whole or any part "
    "of the Premises without the prior written consent of the Landlord, such consent not to be "
    "unreasonably withheld or delayed.\n\n"
    "14.2 A request for consent under clause 14.1 must be made in writing at least twenty-eight (28) "
    "days before the proposed subletting is to begin and must state (a) the full name and current "
    "address of the proposed subtenant, (b) the proposed term, which shall not extend beyond the end "
    "of the Term of this Agreement, and (c) the rent to be paid by the proposed subtenant.\n\n"
    "14.3 The Landlord may require the proposed subtenant to provide one (1) reference from a previous "
    "landlord or employer and proof of identity. The Landlord shall give a decision within fourteen "
    "(14) days of receiving all documents reasonably requested.\n\n"
    "14.4 Any subletting permitted under this clause shall not release the Tenant from any of the "
    "obligations in this Agreement. The Tenant remains liable for the payment of Rent and for any "
    "damage caused to the Premises by the subtenant, their household or visitors.\n\n"
    "14.5 The Tenant shall not charge a subtenant a rent higher than the Rent payable under this "
    "Agreement for the part of the Premises sublet, calculated in proportion to floor area.\n\n"
    "14.6 Short-term lettings of fewer than thirty (30) consecutive nights, including through online "
    "holiday-rental platforms, are prohibited in all cases and shall not be treated as a request for "
    "consent under clause 14.1.\n\n"
    "15. DEPOSIT\n\n"
    "15.1 The Tenant shall pay a deposit equal to five (5) weeks' Rent on or before the signing of "
    "this Agreement. The deposit shall be protected in a government-authorised scheme within thirty "
    "(30) days of receipt, and the Landlord shall give the Tenant the prescribed information about the "
    "scheme within the same period.\n\n"
    "15.2 The Landlord may make deductions from the deposit only for unpaid Rent, damage beyond fair "
    "wear and tear, and reasonable cleaning costs where the Premises are not returned in the condition "
    "recorded in the check-in inventory."
)

STIPEND_EMAIL = (
    "Subject: New home-office stipend – what changes from 1 July\n\n"
    "Hi everyone,\n\n"
    "As promised at the all-hands, here are the details of the new home-office stipend that replaces "
    "the old equipment reimbursement process.\n\n"
    "**Who is eligible?** Every permanent employee who works from home at least two days a week on "
    "average, including part-time staff. Contractors and interns are not covered by this policy, but "
    "your manager can still order equipment for you through IT.\n\n"
    "**How much?** A one-off allowance of €600 for furniture and equipment (chair, desk, monitor, "
    "headset, lighting), plus €25 a month towards internet and electricity. Part-time staff receive "
    "the monthly amount in proportion to their contracted hours; the one-off amount is the same for "
    "everyone.\n\n"
    "**How do I claim it?** The monthly amount will simply appear on your payslip from July, so you "
    "don't need to do anything. For the one-off allowance, upload your receipts in the Expenses tool "
    'under the new category "Home office" by 31 December. Receipts older than 1 January this year '
    "can't be accepted.\n\n"
    "**What about the stuff I already expensed?** Anything you were reimbursed for under the old "
    "process in the last 12 months will be deducted from the €600. Your remaining balance is shown in "
    "the Expenses tool.\n\n"
    "**Taxes.** In most countries where we operate the monthly amount is tax-free up to a limit; in "
    "Belgium and Ireland it is taxed as ordinary income. Payroll will handle this automatically, but "
    "please check your July payslip and tell us if anything looks odd.\n\n"
    "Questions? Reply to this email or drop into the People Team's open hour on Thursdays from 14:00 "
    "to 15:00.\n\n"
    "Best,\n"
    "Marit\n"
    "People Team"
)

GARDEN_MINUTES = (
    "Thornbury Road Community Garden – committee meeting, 12 April\n"
    "Present: Aoife (chair), Devendra (treasurer), Ruth, Tendai, Lin. Apologies: Stefan.\n\n"
    "1. Minutes of last meeting approved without changes.\n\n"
    "2. Treasurer's report. Balance £2,314. Plot fees for the year are in from 38 of 42 plot holders; "
    "Devendra will send reminders to the remaining four. The water bill went up by 22% after the "
    "council's new tariff. Ruth suggested installing two more rain barrels; agreed, budget up to "
    "£150.\n\n"
    "3. Waiting list. There are now 19 people on the waiting list, the longest in the garden's "
    "history. Tendai proposed splitting the three largest plots in half when their current holders' "
    "agreements come up for renewal in October. Lin was worried this would be unfair to long-standing "
    "members. After discussion it was agreed to ask the three holders first and split only plots whose "
    "holders agree. Aoife to write to them.\n\n"
    "4. Shed. The lock on the tool shed was broken again in March. Nothing was taken. Options: a new "
    "padlock (£30) or a keypad lock (£120). Agreed on the keypad lock so that the code can be changed "
    "when members leave. Devendra to buy and fit it.\n\n"
    "5. Open day. Set for Saturday 14 June, 11:00–16:00. Lin will organise a seed swap, Ruth will run "
    "a composting demonstration, and Tendai will ask the primary school whether a class would like to "
    "visit in the morning. Stefan has offered (by email) to bring his honey, but there was concern "
    "about selling food without a licence; Aoife to check with the council.\n\n"
    "6. AOB. Complaint from a neighbour about bonfires. Reminder to all members that bonfires are not "
    "allowed on site under the garden's rules; this will go in the newsletter.\n\n"
    "Next meeting: 10 May, 19:30, at the scout hut."
)

KHACHAPURI = (
    "Adjarian khachapuri (cheese boats) — makes 4\n\n"
    "This is the boat-shaped bread from the Black Sea coast of Georgia, with an egg and a knob of "
    "butter stirred into the molten cheese right at the table. Traditionally it's made with sulguni "
    "and imeruli cheese; outside Georgia a mix of low-moisture mozzarella and feta gets you close.\n\n"
    "Dough\n"
    "- 300 g strong white flour\n"
    "- 7 g instant yeast\n"
    "- 1 tsp sugar\n"
    "- 1 tsp salt\n"
    "- 120 ml warm milk\n"
    "- 60 ml warm water\n"
    "- 2 tbsp sunflower oil\n\n"
    "Filling\n"
    "- 250 g mozzarella (the firm kind, not fresh balls), grated\n"
    "- 150 g feta, crumbled\n"
    "- 1 egg for the cheese, plus 4 yolks for serving\n"
    "- 40 g butter, cut into 4 pieces\n\n"
    "1. Mix the flour, yeast, sugar and salt. Add the milk, water and oil and knead for 8–10 minutes "
    "until smooth. Cover and leave to rise for an hour, until doubled.\n"
    "2. Heat the oven as high as it goes (250 °C fan is ideal) with a baking tray inside.\n"
    "3. Stir the two cheeses with the whole egg. If the feta is very salty, add a spoonful of milk.\n"
    "4. Divide the dough into 4. Roll each piece into an oval about 30 × 20 cm. Roll the two long "
    "sides inwards towards the middle, leaving a gap in the centre, then pinch and twist the ends to "
    "make a boat.\n"
    "5. Fill each boat with a quarter of the cheese mixture. Transfer to baking paper and slide onto "
    "the hot tray.\n"
    "6. Bake for 10–12 minutes until the crust is golden and the cheese is bubbling.\n"
    "7. Take out, make a well in the cheese with a spoon, drop in a yolk and put it back in the oven "
    "for 1 minute only — the yolk should stay runny.\n"
    "8. Add a piece of butter to each and serve immediately. To eat, stir the yolk and butter into the "
    "cheese and tear off pieces of the crust to dip.\n\n"
    "Tip: the dough can rise overnight in the fridge; take it out an hour before shaping."
)

SALT_ABSTRACT = (
    "Abstract\n\n"
    "Microplastic contamination of commercial table salt has been reported in several countries, but "
    "estimates are difficult to compare because studies differ in extraction method, size cut-off and "
    "polymer identification. We analysed 36 brands of table salt purchased in 2022 from retailers in "
    "eight countries, covering sea salt (n = 17), rock salt (n = 11) and lake salt (n = 8). Salt was "
    "dissolved in filtered ultrapure water, the solution was passed through 5 µm silver membrane "
    "filters, and every particle larger than 20 µm was characterised by micro-Fourier-transform "
    "infrared spectroscopy. Procedural blanks were run alongside every batch of six samples.\n\n"
    "Microplastics were found in 33 of the 36 brands. Sea salt contained the most particles (median "
    "214 per kg, range 0–1,674), followed by lake salt (median 96 per kg) and rock salt (median 21 per "
    "kg). Fragments made up 61% of particles and fibres 34%; polypropylene and polyethylene were the "
    "most common polymers, together accounting for 58% of identified particles, followed by "
    "polyethylene terephthalate (17%). Particle counts in sea salt correlated with reported "
    "microplastic concentrations in the coastal waters where the salt was produced (Spearman's ρ = "
    "0.62, p = 0.01). Assuming an intake of 5 g of salt per day, we estimate that an adult consuming "
    "only the most contaminated brand would ingest roughly 3,000 particles per year from salt, a small "
    "amount compared with published estimates for inhalation and drinking water.\n\n"
    "These results suggest that salt is a minor route of human exposure to microplastics but a useful "
    "indicator of coastal pollution. We recommend that future studies report blank-corrected counts "
    "and use a common size cut-off of 20 µm to allow comparison."
)

PRINTER_THREAD = (
    "Thread: PETG corners lifting on every print – what am I missing??\n\n"
    "**fennel_and_filament** wrote:\n"
    "Printer is a bedslinger with a textured PEI sheet. PETG at 240/80. First layer looks perfect but "
    "after about 20 minutes the corners of anything bigger than ~10 cm start curling up, sometimes 2-3 "
    "mm. Cleaned the sheet with IPA, releveled, same thing. Small parts are fine. Any ideas before I "
    "throw it out the window?\n\n"
    "**fennel_and_filament** wrote:\n"
    "forgot to say: it's always the side facing the room that lifts.\n\n"
    "**old_gantry** wrote:\n"
    '"side facing the room" is the clue. You\'ve got a draft. Is there a window, fan or aircon '
    "nearby? PETG is less fussy than ABS but a cold draft on one side of a large flat part will still "
    "pull it up. Also try turning the part cooling fan down to 30-40% for PETG, 100% is way too "
    "much.\n\n"
    "**fennel_and_filament** wrote:\n"
    "...there is an air purifier about a meter away. Never thought of that.\n\n"
    "**old_gantry** wrote:\n"
    'Also for large flat parts add a brim of 5-8 mm, or "mouse ears" on the corners if you don\'t '
    "want to clean up a full brim.\n\n"
    "**fennel_and_filament** wrote:\n"
    "UPDATE: moved the purifier to the other side of the room, fan at 35%, 6 mm brim. Printed the 18 "
    "cm enclosure panel that failed four times and it's dead flat. Thanks!! Marking as solved."
)

AXOLOTL = (
    "The axolotl (Ambystoma mexicanum) is a salamander that, unusually, reaches adulthood without "
    "undergoing metamorphosis. While most salamanders leave the water and lose their gills as they "
    "mature, the axolotl keeps its larval features for life — a condition called neoteny — including "
    "the three pairs of feathery external gills on either side of its head and a finned tail. It "
    "breathes through its gills, its skin and, occasionally, by gulping air at the surface.\n\n"
    "In the wild the species lives only in the lake and canal system of Xochimilco on the southern "
    "edge of Mexico City. It once also inhabited nearby Lake Chalco, which was drained in the "
    "twentieth century. Wild axolotls are usually dark brown or olive with speckles; the pale pink, "
    "golden and white animals common in the pet trade are the result of captive breeding.\n\n"
    "Adults typically measure 15–30 cm and can live ten to fifteen years in captivity. They are "
    "carnivorous, eating worms, insect larvae, small crustaceans and small fish, which they suck into "
    "their mouths with a sudden vacuum.\n\n"
    "The axolotl is best known for its ability to regenerate. It can regrow whole limbs, parts of its "
    "spinal cord, its tail and even parts of its heart and brain without scarring, which has made it "
    "an important model organism in developmental biology since the nineteenth century. Its genome, "
    "sequenced in 2018, is about ten times larger than the human genome.\n\n"
    "Despite being common in laboratories and aquariums, the species is critically endangered in the "
    "wild. Surveys of Xochimilco recorded around 6,000 animals per square kilometre in 1998 but fewer "
    "than 36 per square kilometre by 2014. The main threats are urbanisation, water pollution and "
    "introduced fish such as tilapia and carp, which compete for food and eat axolotl eggs. "
    'Conservation efforts include "chinampa refuges", in which farmers on the traditional floating '
    "fields agree to filter the water in their canals and keep out introduced fish."
)

RATE_LIMITS = (
    "# Rate limits\n\n"
    "The Parcelry API limits how many requests each API key can make, to keep the service fast for "
    "everyone. Limits are counted per key, not per IP address.\n\n"
    "| Endpoint group | Sandbox | Production |\n"
    "|---|---|---|\n"
    "| `GET /shipments`, `GET /tracking/*` | 20 req/s | 100 req/s |\n"
    "| `POST /shipments`, `POST /labels` | 5 req/s | 25 req/s |\n"
    "| `POST /rates` (quotes) | 5 req/s | 50 req/s |\n"
    "| Bulk endpoints (`/batches/*`) | 1 req/s | 2 req/s |\n\n"
    "Limits are enforced with a token bucket: each key can burst up to twice its per-second limit, "
    "after which requests are refused until tokens refill.\n\n"
    "## Response headers\n\n"
    "Every response includes:\n\n"
    "- `X-RateLimit-Limit` – the per-second limit for this endpoint group\n"
    "- `X-RateLimit-Remaining` – tokens left in the bucket\n"
    "- `X-RateLimit-Reset` – seconds until the bucket is full again\n\n"
    "## When you are limited\n\n"
    "A refused request returns HTTP `429 Too Many Requests` with a `Retry-After` header in seconds. "
    "Requests refused with 429 are not billed and do not create any shipment, so it is always safe to "
    "retry them. Wait at least the number of seconds in `Retry-After`; we recommend exponential "
    "backoff with jitter, starting at one second and capping at 32 seconds.\n\n"
    "Do not retry `POST /labels` after a timeout (as opposed to a 429) without an `Idempotency-Key` "
    "header: the label may already have been purchased. With the same `Idempotency-Key`, a repeated "
    "request within 24 hours returns the original label instead of buying a new one.\n\n"
    "## Raising your limits\n\n"
    "Production accounts that ship more than 10,000 parcels a month can ask for higher limits from the "
    "dashboard under **Settings → API → Request higher limits**. Sandbox limits cannot be raised."
)

CLIMBING_GYM_TERMS = (
    "Cragside Bouldering – Membership Terms (extract)\n\n"
    "4. Freezing your membership\n"
    "4.1 Members on a monthly rolling plan may freeze their membership for a minimum of one (1) and a "
    "maximum of three (3) calendar months in any twelve-month period.\n"
    "4.2 A freeze must be requested through the members' portal or at reception no later than five (5) "
    "days before the next payment date. Requests received later will take effect from the following "
    "payment date.\n"
    "4.3 A freeze fee of £5 per month applies, except where the freeze is requested because of injury "
    "or pregnancy and a letter from a doctor, physiotherapist or midwife is provided, in which case no "
    "fee is charged and the maximum period is extended to six (6) months.\n"
    "4.4 Members on annual prepaid plans may not freeze their membership, but may transfer the "
    "remainder of the plan to another person once, for an administration fee of £20.\n\n"
    "5. Cancelling your membership\n"
    "5.1 Monthly rolling plans may be cancelled at any time with one (1) month's notice. Notice runs "
    "from the date we receive the request, and the final payment will be taken in the usual way.\n"
    "5.2 Members on a 12-month minimum-term plan may only cancel before the end of the minimum term if "
    "they move more than 25 miles from the centre (proof of the new address required), or for a "
    "medical reason that prevents climbing for the remainder of the term.\n"
    "5.3 Cancellations cannot be made by email to staff or through social media; please use the portal "
    "or ask at reception.\n"
    "5.4 Where a membership is cancelled for breach of the centre's safety rules, no refund will be "
    "given for any period already paid for.\n\n"
    "6. Guest passes\n"
    "6.1 Each member may bring up to two (2) guests per month at the member price. Guests must "
    "complete the registration and induction before climbing."
)

PIPE_NOTICE = (
    "To all residents of Linden Court, flats 1–48\n\n"
    "NOTICE OF WATER SHUTDOWN: replacement of the cold-water riser, east stairwell\n\n"
    "Dear Residents,\n\n"
    "As announced at the residents' meeting in January, the old galvanised cold-water riser in the "
    "east stairwell will be replaced with a new copper pipe. The work has been scheduled as "
    "follows:\n\n"
    "• Tuesday 9 September, 08:00–17:00 — flats 25–48 (east side) without cold water\n"
    "• Wednesday 10 September, 08:00–13:00 — ALL flats without cold water while the new riser is "
    "connected to the main\n\n"
    "Hot water from your own boiler or cylinder will also be unavailable during these times, because "
    "it is fed from the cold supply. Toilets can be flushed once each from the cistern. We suggest "
    "filling a bath or some containers the evening before.\n\n"
    "The contractor (Harwell Plumbing Ltd) will need to enter flats 27, 31, 35, 39, 43 and 47 for "
    "about 30 minutes to connect the new pipe behind the kitchen panels. If you live in one of these "
    "flats, please contact the office by Friday 5 September to arrange access. If nobody is home, the "
    "contractor can collect a key from the office, provided we have your written permission.\n\n"
    "When the water comes back on, the water may look brown or cloudy for a few minutes. Run the cold "
    "tap in your kitchen until it runs clear before using it for drinking or cooking. Please do not "
    "run your washing machine or dishwasher until then.\n\n"
    "The cost of the work is covered by the reserve fund and will not affect this year's service "
    "charge.\n\n"
    "We apologise for the inconvenience. Questions can be directed to the building office (open "
    "Mon–Fri, 09:00–12:00) or to me directly.\n\n"
    "Kind regards,\n"
    "Petra Novák\n"
    "Building Manager, Linden Court Management Company"
)

RETRO_NOTES = (
    "Sprint 42 retro — Payments squad\n"
    "Facilitator: Sander | Attendees: Ana, Bilal, Chen, Ilse, Sander, Tobi (PO)\n\n"
    "What went well 🙂\n"
    "- Shipped the refund-by-link flow two days early; zero P1 bugs so far\n"
    "- New PR template: ~30% fewer review rounds\n\n"
    "What didn't go well 🙁\n"
    "- Staging was down for ~1.5 days (expired cert). Nobody owned it, everyone assumed someone else "
    "was on it\n"
    '- 3 "small" frontend tickets carried over again (all needed backend changes)\n'
    "- Standups drifting to 25+ min\n\n"
    "Ideas / discussion\n"
    "- Ana: refine tickets with a backend + frontend person together before estimating\n"
    "- Sander proposed a parking lot after standup for deep dives, only people who need to be there "
    "stay\n"
    "- Chen: add cert expiry to the monitoring dashboard, alert 14 days before\n\n"
    "Action items\n"
    "1. Chen – add cert-expiry alert for staging and prod (by next Wed)\n"
    "2. Ana + Tobi – pilot paired refinement for next sprint, review in retro 43\n"
    '3. Sander – timebox standup to 15 min; start "parking lot" from Monday\n'
    "4. Ilse – write up the ledger migration runbook before she goes on leave (24th)\n\n"
    "Mood score: 3.6/5 (last sprint 3.1)"
)

SOURDOUGH = (
    "Keeping a sourdough starter alive (without it taking over your life)\n\n"
    "A starter is just flour and water in which wild yeasts and lactic acid bacteria have settled in. "
    "Feeding it means throwing most of it away and giving what's left fresh flour and water, so the "
    "microbes always have something to eat and the acidity doesn't build up too much.\n\n"
    "The basic feed. Keep 20 g of starter, add 40 g of flour and 40 g of water (room temperature), "
    "stir well and put the lid on loosely. That's a 1:2:2 feed. At around 24 °C a healthy starter will "
    "double in 4–6 hours; in a cold kitchen it may take 8–10. It's at its strongest when it has peaked "
    "— domed on top, full of bubbles — and just begun to fall. That's when you use it for baking.\n\n"
    "Flour. Wholemeal rye or wholemeal wheat make a more active starter than white flour because they "
    "carry more nutrients and more of the microbes themselves. Many bakers feed with a mix, for "
    "example 80% white bread flour and 20% rye.\n\n"
    "Living in the fridge. If you bake once a week or less, keep the starter in the fridge and feed it "
    "once a week. Take it out the day before you bake and give it two feeds at room temperature, about "
    "12 hours apart, to wake it up. A starter that has been neglected for a month will usually come "
    "back after three or four feeds.\n\n"
    'What\'s that liquid? A grey or brownish layer of liquid on top ("hooch") means the starter is '
    "hungry. Pour it off or stir it in (stirring it in gives a more sour bread) and feed. It's "
    "harmless.\n\n"
    "When to give up. Pink, orange or red streaks, or fuzzy mould on the surface, mean it's been "
    "contaminated. Don't try to rescue it: throw it all away and start again, or ask a baker friend "
    "for a spoonful of theirs.\n\n"
    "The discard. What you throw away at each feed can go into pancakes, crackers or waffles, so it "
    "doesn't have to be wasted."
)

CO2_ABSTRACT = (
    "Background: Carbon dioxide (CO₂) concentrations in classrooms frequently exceed 1,500 ppm during "
    "lessons, particularly in naturally ventilated schools in winter. Laboratory studies suggest that "
    "cognitive performance declines at elevated CO₂ levels, but evidence from real classrooms is "
    "limited and often confounded by temperature.\n\n"
    "Methods: We conducted a randomised crossover trial in 24 classrooms (pupils aged 10–12, n = 612) "
    "in 9 primary schools. Each classroom was fitted with a mechanical ventilation unit that could be "
    "switched, without pupils' or teachers' knowledge, between a low-ventilation setting (target CO₂ ≈ "
    "2,100 ppm) and a high-ventilation setting (target ≈ 800 ppm). Temperature was held between 20 and "
    "22 °C in both conditions. Each setting was run for two weeks in random order. At the end of each "
    "week pupils completed standardised computerised tests of processing speed, working memory and "
    "reading comprehension.\n\n"
    "Results: Mean CO₂ concentration was 2,040 ppm under low ventilation and 790 ppm under high "
    "ventilation. Under high ventilation, pupils were 6.8% faster on processing-speed tasks (95% CI "
    "3.9–9.7) and made 4.1% fewer errors on working-memory tasks (95% CI 1.2–7.0). There was no "
    "significant difference in reading comprehension. Teachers reported fewer complaints of headache "
    "and tiredness under high ventilation (p = 0.02). Effects did not differ by pupils' sex or by "
    "school.\n\n"
    "Conclusions: Reducing classroom CO₂ from about 2,000 to 800 ppm improved speed and accuracy on "
    "some cognitive tasks but not reading comprehension. Improving ventilation is a plausible, "
    "low-cost way to support learning, and CO₂ monitors could help teachers decide when to open "
    "windows."
)

AQUARIUM_THREAD = (
    "Posted by **tetra_tanya**:\n"
    "Hi all, beginner here. Set up my first tank (60 L, planted, sponge filter + small HOB) ten days "
    "ago. Added 6 neon tetras and 3 corys on day 5 because the shop said it was fine after 48 hours "
    'with their "bacteria in a bottle". Now the water has gone milky white/cloudy, like someone '
    "poured a tiny bit of milk in. Fish seem OK-ish but the corys are hanging around the top a lot. "
    "Tested: ammonia 1.0 ppm, nitrite 0.5, nitrate 5. Is the cloudiness dangerous?? Should I do a full "
    "water change?\n\n"
    "Reply from **driftwood_dan**:\n"
    "The cloudiness itself is a bacterial bloom, very common in new tanks and not harmful on its own. "
    "It usually clears in a week or two. What IS dangerous is your ammonia and nitrite. Your tank "
    "isn't cycled yet — the bottled bacteria rarely do what the label says — and 1 ppm ammonia plus "
    "0.5 nitrite will stress the fish (corys gasping at the surface is a sign).\n\n"
    "Do NOT do a 100% change, that won't help the cycle and can shock the fish. Do a 50% change today "
    "with dechlorinated water at the same temperature, then test daily and change 30-50% whenever "
    "ammonia or nitrite reaches 0.5. Feed tiny amounts every other day, uneaten food just makes more "
    "ammonia. Don't add any more fish until you read 0 ammonia, 0 nitrite for a week.\n\n"
    "Reply from **tetra_tanya**:\n"
    "Thank you so much. Did the 50%, ammonia now 0.5. Corys are back on the bottom. How long does the "
    "cycle take?\n\n"
    "Reply from **driftwood_dan**:\n"
    "With fish in, typically 4-6 weeks. Squeezing some used sponge from a friend's established filter "
    "into yours can speed it up a lot. And leave the milky water alone, don't add clarifiers, it'll go "
    "away by itself."
)

RECOUNT_NEWS = (
    "Recount confirms three-vote win in Pellham mayoral race\n\n"
    "PELLHAM — A hand recount completed on Friday confirmed that Gloria Estévez won the race for mayor "
    "of Pellham by three votes, ending two weeks of uncertainty in the town of 9,000.\n\n"
    "Estévez, a retired middle-school principal, received 2,118 votes to 2,115 for incumbent mayor "
    "Douglas Reinholt, according to the county elections office. The election-night count had given "
    "Estévez a lead of five votes. Two ballots initially counted for her were set aside during the "
    "recount because the voter had also marked a write-in candidate, while the number of ballots "
    "counted for Reinholt did not change.\n\n"
    "Reinholt requested the recount under a state rule that allows a losing candidate to ask for one "
    "at no cost when the margin is less than 0.5% of the votes cast. Turnout was 47%, higher than the "
    "39% recorded in the last municipal election.\n\n"
    "About thirty residents watched the recount from behind a rope in the community center gym, where "
    "election workers in teams of two examined each of the 4,301 paper ballots. Observers from both "
    "campaigns could challenge any ballot; 14 challenges were made, and the county canvassing board "
    "ruled on all of them on Friday afternoon.\n\n"
    "In a statement, Reinholt congratulated Estévez and said he would not contest the result in court. "
    '"Three votes. If anyone ever tells you their vote doesn\'t count, send them to Pellham," he '
    "said.\n\n"
    "Estévez, who campaigned on repairing the town's storm drains and reopening the public pool closed "
    "since 2021, will be sworn in on January 2. She becomes the first woman to serve as Pellham's "
    "mayor."
)

ROBOT_VACUUM = (
    "Care and maintenance – Nimbus R6 robot vacuum\n\n"
    "To keep suction strong and navigation accurate, clean the following parts regularly. Always "
    "switch the robot off with the switch underneath before maintenance.\n\n"
    "Dust bin and filter (after every 2–3 runs)\n"
    "Press the release button on the top cover and lift out the dust bin. Empty it over a rubbish bin. "
    "Tap the HEPA filter gently against the side of the bin to remove dust. Do not wash the HEPA "
    "filter with water; a wet filter will lose its filtering properties and may cause an error. "
    "Replace the filter every 3–4 months, or sooner if you have pets.\n\n"
    "Main brush (weekly)\n"
    "Turn the robot over and press the two tabs on the brush guard to open it. Lift out the main "
    "brush. Use the cutting tool stored in the dust bin lid to cut away hair and threads wound around "
    "the brush, then pull off the end caps and remove any hair caught around the axles. The rubber "
    "main brush should be replaced every 6–12 months.\n\n"
    "Side brush (monthly)\n"
    "Unscrew the side brush with a small cross-head screwdriver and remove tangled hair. A bent side "
    "brush can be straightened by dipping it in warm water for a few seconds. Replace every 3–6 "
    "months.\n\n"
    "Sensors and charging contacts (monthly)\n"
    "Wipe the cliff sensors on the underside, the bumper window and the charging contacts on both the "
    "robot and the dock with a soft dry cloth. Dirty cliff sensors can cause the robot to stop with "
    'the error "Move robot to new location" or to behave as if it is on the edge of stairs.\n\n'
    "Wheels (monthly)\n"
    "Check that the two drive wheels and the front caster turn freely. Pull the caster straight out to "
    "remove hair wrapped around its axle.\n\n"
    "Battery\n"
    "If the robot will not be used for more than a month, charge it fully, switch it off and store it "
    "in a cool, dry place. Recharge it at least every three months to avoid deep discharge, which can "
    "permanently damage the battery and is not covered by the warranty."
)

EBRU = (
    "Gallery 4 · Floating Colour: The Art of Ebru\n\n"
    "Ebru, the Turkish art of paper marbling, is made on water. The artist fills a shallow trough with "
    "water thickened with a gum called kitre, made from the sap of a shrub of the Astragalus family. "
    "Pigments ground from earth and minerals are mixed with a few drops of ox gall, which lets them "
    "spread across the surface instead of sinking. Using brushes made of horsehair bound to rose-wood "
    "handles, the artist sprinkles colour onto the water, then draws it into patterns with an awl or a "
    "comb. Finally a sheet of paper is laid gently on the surface for a few seconds and lifted off. "
    "The pattern transfers to the paper, and it can never be made in exactly the same way again.\n\n"
    "The technique probably travelled westwards from Central Asia and reached the Ottoman capital by "
    "the fifteenth century. Marbled papers were used in the borders of calligraphy panels and in the "
    "bindings of books, and because no two sheets are alike they were also used for official "
    "documents, making forgery more difficult.\n\n"
    'In the nineteenth century the master Hatip Mehmed Efendi developed motifs such as the "Hatip" '
    "pattern of concentric drops, shown in the case to your left. His successor Necmeddin Okyay, a "
    "calligrapher and imam, became famous for floral ebru in which tulips, carnations and violets are "
    "formed on the water with astonishing precision. Several of the works in this room were made by "
    "his students.\n\n"
    "The sheets in the central case were made by contemporary artists who trained in the traditional "
    "master–apprentice system. Notice the small imperfections at the edges: they come from the moment "
    "the paper is lifted and are considered a signature of hand-made work.\n\n"
    "In 2014 ebru was inscribed on UNESCO's Representative List of the Intangible Cultural Heritage of "
    "Humanity.\n\n"
    "Please do not touch the works. The demonstration trough at the end of the gallery is used during "
    "live workshops on Saturdays at 11:00 and 14:00."
)

DNS_POSTMORTEM = (
    "Post-incident review: 47 minutes of failed logins on 3 February\n\n"
    "Summary\n"
    "Between 09:12 and 09:59 UTC on 3 February, about 38% of login attempts to our web and mobile apps "
    'failed with a generic "Something went wrong" error. No data was lost or exposed. The cause was '
    "a change to our internal DNS configuration that made the authentication service unreachable from "
    "part of our infrastructure.\n\n"
    "What happened\n"
    "At 09:05 an engineer merged a change to consolidate two internal DNS zones as part of a planned "
    "clean-up. The change removed a record that the authentication service's load balancer was still "
    "registered under. Our DNS resolvers cache records for five minutes, so failures began gradually "
    "from 09:10 as caches expired. Only services running in two of our three availability zones used "
    "the old record, which is why some logins kept working.\n\n"
    "Detection and response\n"
    "Our error-rate alert fired at 09:14. The on-call engineer initially suspected a bad deploy of the "
    "login page, which had been released at 09:00, and rolled it back at 09:31. This did not help. At "
    "09:44 a second engineer noticed DNS resolution errors in the auth-proxy logs and linked them to "
    "the zone change. The change was reverted at 09:52 and logins recovered fully by 09:59 once caches "
    "refreshed.\n\n"
    "Why it took so long\n"
    "- The DNS change and the login page deploy happened within five minutes of each other, and the "
    "deploy was the more visible event.\n"
    "- The DNS change went through code review, but the tool that validates DNS changes only checks "
    "syntax, not whether records are still in use.\n"
    "- Auth-proxy logs are not shipped to the central logging system, so the errors were not visible "
    "on the main dashboard.\n\n"
    "What we are changing\n"
    "1. The DNS validation tool will query the load balancers' registrations and block removal of "
    "records that are still in use (owner: Platform team, due 28 Feb).\n"
    "2. Auth-proxy logs will be added to central logging (owner: Identity team, due 14 Feb).\n"
    '3. We will add a "recent changes" panel to the incident dashboard listing all deploys and '
    "infrastructure changes in the past hour.\n\n"
    "We are sorry for the disruption this caused."
)

HUT_HIKE = (
    "Alta Via 1 in 9 days: a practical overview\n\n"
    'The Alta Via 1 is the most popular of the long-distance "high routes" through the Dolomites in '
    "northern Italy. It runs about 120 km from Lago di Braies in the north to La Pissa near Belluno in "
    "the south, with roughly 7,000 m of ascent in total. Most hikers take 8 to 11 days, sleeping in "
    "mountain huts (rifugi) each night, so you only need to carry clothes, water and snacks.\n\n"
    "When to go. The huts are open from about 20 June to 20 September. Early in the season there can "
    "still be snow on north-facing passes, especially Forcella del Lago; late August and early "
    "September usually bring the most stable weather, though afternoon thunderstorms are common "
    "throughout the summer.\n\n"
    "Difficulty. The trail is well marked with a blue triangle containing the number 1 and is mostly a "
    "demanding but non-technical walk. There are a few exposed sections with fixed cables, most "
    "notably near the end, where the route to Rifugio Pian de Fontana and beyond involves short "
    "protected sections; these can be bypassed on alternative paths. You should be comfortable walking "
    "5–7 hours a day with a pack.\n\n"
    "Booking huts. This is the part most people underestimate. Popular huts such as Rifugio Lagazuoi "
    "and Rifugio Nuvolau fill up months in advance for July and August; bookings for the summer open "
    "in January or February. A bed in a dormitory with half board (dinner and breakfast) costs about "
    "€60–80 per night; members of an Alpine club get a discount. Bring a silk sleeping-bag liner, "
    "which is compulsory in most huts.\n\n"
    "A typical itinerary. Most people split the route like this, though every stage has alternatives:\n"
    "1. Lago di Braies to Rifugio Biella or Rifugio Sennes (about 4 hours)\n"
    "2. To Rifugio Lavarella or Rifugio Fanes, across a high plateau of limestone and pastures (3–4 "
    "hours)\n"
    "3. Over Forcella del Lago to Rifugio Lagazuoi, the hardest day for many, with a steep scree "
    "descent (6 hours)\n"
    "4. Past the Cinque Torri rock towers to Rifugio Nuvolau, perched on a summit with huge views (4–5 "
    "hours)\n"
    "5. Down to Passo Giau and on to Rifugio Città di Fiume at the foot of Monte Pelmo (5 hours)\n"
    "6. Around the flanks of Monte Civetta to Rifugio Coldai or Rifugio Tissi (4 hours)\n"
    "7. Below the great north-west face of the Civetta to Rifugio Vazzoler (4–5 hours)\n"
    "8. To Rifugio Pian de Fontana through quiet, wild country with few other hikers (6 hours)\n"
    "9. The final descent to La Pissa, with the cable sections or the easier alternative (4–5 "
    "hours)\n\n"
    "Getting there and back. Lago di Braies can be reached by bus from Dobbiaco (Toblach), which is on "
    "the train line. From the southern end, buses run from La Pissa to Belluno, which has trains to "
    "Venice.\n\n"
    "What to pack. Light rain jacket and trousers, a warm layer even in August, sun hat, sunscreen, a "
    "small first-aid kit, cash (many huts do not accept cards) and a headtorch. Trekking poles are "
    "strongly recommended for the long descents."
)

TRAVEL_INSURANCE = (
    "Section B – Cancellation and cutting short your trip\n\n"
    "What is covered\n"
    "We will pay up to £5,000 per insured person for your share of travel and accommodation costs that "
    "you have paid or are contracted to pay and cannot recover from any other source, if you have to "
    "cancel your trip or cut it short because:\n"
    "1. you, a travelling companion, a close relative or a person you were going to stay with dies, is "
    "injured or falls ill;\n"
    "2. you or a travelling companion are called for jury service or as a witness in a court of law "
    "(but not as an expert witness or where your employment would normally require you to attend "
    "court);\n"
    "3. your home is made uninhabitable by fire, storm, flood or burglary in the 7 days before you are "
    "due to leave;\n"
    "4. you or a travelling companion are made redundant, provided you were continuously employed for "
    "at least 2 years with the same employer and were not aware of the redundancy when this policy was "
    "purchased.\n\n"
    "What is not covered\n"
    "a) The excess of £100 per insured person for each claim.\n"
    "b) Any medical condition you knew about when you bought this policy or booked your trip "
    "(whichever is later), unless you declared it and we accepted it in writing.\n"
    "c) Cancellation because you no longer want to travel or because of financial circumstances other "
    "than redundancy.\n"
    "d) Cancellation due to a government travel advisory, unless the advisory was issued after you "
    "bought this policy.\n"
    "e) Additional costs caused by your failure to tell the travel provider as soon as you knew you "
    "had to cancel.\n"
    "f) Any costs for airport passenger duty or other taxes that can be refunded by the airline.\n\n"
    "Claim conditions\n"
    "You must send us a medical certificate from the treating doctor for any claim under point 1. For "
    "claims relating to a close relative who is not travelling, we will need a statement from their "
    "doctor confirming the illness and the date it was diagnosed."
)

COFFEE_POD = (
    "FOR IMMEDIATE RELEASE\n\n"
    "Loam Coffee launches home-compostable coffee pod that breaks down in 12 weeks\n\n"
    "Bristol, 4 March – Loam Coffee, a four-year-old roaster based in Bristol, today launched what it "
    "says is the first coffee pod for capsule machines certified to break down in a home compost heap "
    "within 12 weeks.\n\n"
    "The pod's shell is made from a blend of wood pulp, plant starch and a biodegradable polymer "
    "derived from fermented sugar, and its lid is made from paper. Independent tests by an accredited "
    "laboratory found that more than 90% of the pod had disintegrated after 12 weeks in a garden "
    "compost bin kept at ambient temperature, meeting the requirements of the European OK compost HOME "
    "certification. Most pods currently sold as compostable need the high temperatures of an "
    "industrial composting facility.\n\n"
    "Billions of aluminium and plastic coffee pods are thrown away every year, and many local "
    'authorities do not accept "industrially compostable" pods in food-waste collections. "People '
    'want the convenience of a pod without the guilt," said co-founder Noor Sasaki. "If it can go in '
    "the same heap as your potato peelings, you don't need a special collection or a postal return "
    'scheme."\n\n'
    "Developing the shell took two and a half years. Early prototypes absorbed moisture from the air "
    "and swelled in the packet, so the pods are sold in a resealable paper bag with a thin plant-based "
    "lining. The company says pods should be used within six months of opening.\n\n"
    "The pods are compatible with most machines that use the Nespresso Original system. They will be "
    "sold in packs of 30 for £8.50 through Loam's website and, from May, in 140 branches of a national "
    "supermarket chain. Four blends are available at launch, including a decaffeinated Colombian "
    "coffee.\n\n"
    "Media contact: press@loamcoffee.example, 0117 496 0381"
)

HEDGE_RULING = (
    "Summary of decision: appeal against a remedial notice under the high-hedges rules (Appeal ref. "
    "HH/2214)\n\n"
    "The appellants, Mr and Mrs Adeyemi, own 14 Orchard Rise. Along the boundary with their neighbour "
    "at no. 16 runs a row of eleven Leyland cypress trees planted in about 2003, now between 7.5 and 9 "
    "metres tall. The owner of no. 16, Ms Vasquez-Hale, complained to the local council that the hedge "
    "blocked light to her rear garden and ground-floor kitchen. The council issued a remedial notice "
    "requiring the appellants to reduce the hedge to 3.5 metres and to keep it at no more than 4 "
    "metres thereafter. The appellants appealed on the grounds that the required height was too low "
    "and would kill the trees, and that the hedge protected their privacy.\n\n"
    "The inspector visited both properties in June. She found that the hedge stands to the south-west "
    "of no. 16 and that, for most of the afternoon, it casts shade across the whole of the neighbour's "
    "garden. Using the government guidance on calculating the loss of light caused by hedges, she "
    'calculated an "action hedge height" of 3.8 metres. She accepted evidence from the appellants\' '
    "tree surgeon that cutting Leyland cypress back into old brown wood, with no green foliage, "
    "usually prevents regrowth, and that at 3.5 metres a number of the trees would be cut below their "
    "green growth.\n\n"
    "She did not accept the privacy argument, noting that a hedge of 4 metres would still prevent "
    "overlooking between the two gardens at ground level, and that the first-floor windows of no. 16 "
    "did not face the appellants' garden.\n\n"
    "Decision: the appeal is allowed in part. The remedial notice is varied so that the hedge must be "
    "reduced to a height of 4 metres (rather than 3.5 metres) within three months, and thereafter "
    "maintained at no more than 4.5 metres. The reduction should be carried out outside the main bird "
    "nesting season, which runs from March to August, unless a check for active nests has been made."
)

TARDIGRADES = (
    "Abstract\n\n"
    "Tardigrades, microscopic animals sometimes called water bears, can survive almost complete drying "
    "by entering a dormant state known as anhydrobiosis, and recover within hours of being rehydrated. "
    "Unlike many other desiccation-tolerant organisms, most tardigrades accumulate little or no "
    "trehalose, the sugar that protects cells in brine shrimp and baker's yeast, so the molecules "
    "responsible for their tolerance have remained unclear.\n\n"
    "Here we show that a family of tardigrade-specific proteins, which we call cytoplasmic abundant "
    "heat-soluble (CAHS) proteins, is required for surviving desiccation. These proteins are "
    "intrinsically disordered: in solution they have no fixed three-dimensional structure. In the "
    "species Hypsibius exemplaris, genes encoding CAHS proteins were strongly induced during slow "
    "drying, with transcript levels increasing up to 30-fold within 24 hours.\n\n"
    "When we reduced the expression of three CAHS genes using RNA interference, survival after drying "
    "and rehydration fell from 85% in control animals to between 23% and 41%, while survival of "
    "animals that were not dried was unaffected. Conversely, when CAHS proteins were produced in "
    "bacteria and in yeast, these organisms became 10 to 100 times more likely to survive drying. "
    "Purified CAHS proteins also protected a sensitive enzyme, lactate dehydrogenase, from losing its "
    "activity when dried.\n\n"
    "Using spectroscopy and differential scanning calorimetry, we found that as they dry, CAHS "
    "proteins form a glass-like, non-crystalline solid. The degree to which a protein formed this "
    "glassy state correlated with how well it protected cells. We propose that CAHS proteins vitrify "
    "the inside of the cell, trapping other proteins and membranes in place so that they cannot unfold "
    "or clump together until water returns.\n\n"
    "Because similar glass-forming proteins could be used to stabilise vaccines, enzymes and other "
    "biological medicines without refrigeration, these results may have practical applications beyond "
    "tardigrade biology."
)

CROWS_PODCAST = (
    '[Transcript – "Backyard Science", episode 88, 14:02–17:40]\n\n'
    "MIRA: Okay, so the crow thing. You told me before we started that crows can remember faces. Like, "
    "specific human faces?\n\n"
    "TEODOR: Specific human faces, for years. There's a famous set of experiments at the University of "
    "Washington. Researchers wore a particular rubber mask — it was kind of a caveman face — while "
    "they trapped and ringed a few wild crows on campus. Completely harmless, the birds were released, "
    "but the crows clearly did not enjoy it.\n\n"
    "MIRA: I wouldn't either.\n\n"
    "TEODOR: Right. And then afterwards, whenever someone walked across campus wearing that mask, the "
    "crows would scold them. They'd dive, make this harsh alarm call, follow them. And here's the "
    "thing: people wearing a neutral mask — a different face — were mostly ignored.\n\n"
    "MIRA: So they remembered the mask, not the person.\n\n"
    "TEODOR: Exactly, the face. And it spread. Crows that had never been trapped, that weren't even "
    "born when it happened, started scolding the mask too. They seem to learn from watching other "
    "crows react. Years later the number of crows mobbing the mask had actually gone up, not down.\n\n"
    "MIRA: That's a little terrifying. What if I accidentally annoy a crow?\n\n"
    "TEODOR: (laughs) I mean, the good news is it seems to work the other way too. There are lots of "
    "stories — less rigorous, more anecdotal — of people who feed crows regularly and the birds follow "
    "them around and even leave little objects. Bits of glass, buttons.\n\n"
    "MIRA: Gifts!\n\n"
    "TEODOR: People call them gifts. Whether the crow thinks of it as a gift, we honestly don't know. "
    "But the face recognition part is very well established. They even did brain scans on crows later "
    'and saw that seeing the "dangerous" face activated regions linked to fear and learning.\n\n'
    "MIRA: So the lesson is: be nice to crows.\n\n"
    "TEODOR: Be nice to crows. They're keeping a list."
)

GO_HISTORY = (
    "Go is an abstract strategy board game for two players in which the aim is to surround more "
    "territory than the opponent. It is known as weiqi in Chinese, igo in Japanese and baduk in "
    "Korean. Players take turns placing black and white stones on the intersections of a grid, usually "
    "of 19×19 lines; stones do not move once placed, but a stone or group of stones is captured and "
    "removed when it is completely surrounded by the opponent's stones.\n\n"
    "The game originated in China more than 2,500 years ago and is often considered the oldest board "
    "game still played in its original form. It is mentioned in the Zuo Zhuan, a historical commentary "
    "from the fourth century BC, and a 17×17 board was found in a tomb from the Han dynasty. By the "
    "Tang dynasty it was counted, together with calligraphy, painting and playing the guqin, among the "
    "four arts expected of a cultured gentleman.\n\n"
    "Go reached Korea by the fifth century and Japan around the seventh. In Japan it was supported by "
    'the shogunate from the early seventeenth century, which funded four Go "houses" — schools whose '
    "heads competed for the official post of Meijin, the strongest player of the era. This system "
    "produced much of the theory and vocabulary used by players today, and the Japanese names for many "
    "concepts, such as joseki (standard opening sequences) and sente (the initiative), became the "
    "international terms.\n\n"
    "Although the rules are simple, the number of possible positions on a 19×19 board is about 2 × "
    "10^170, far more than in chess. For decades Go was seen as a grand challenge for artificial "
    "intelligence, and strong amateurs could defeat the best programs well into the 2000s. This "
    "changed in March 2016, when the program AlphaGo, developed by DeepMind, defeated the professional "
    "Lee Sedol 4–1 in a five-game match in Seoul. Since then, programs far stronger than any human "
    "have become freely available, and professionals routinely use them to study.\n\n"
    "Today Go is played by tens of millions of people, mostly in East Asia, and professional systems "
    "exist in China, Japan, Korea and Taiwan, with smaller ones in Europe and North America."
)

EMIGRATION_LETTER = (
    "Montréal, 9 November 1958\n\n"
    "My dear Luísa,\n\n"
    "At last I have a table to write on, so here is the long letter I promised you. Forgive my "
    "handwriting; my hands are still stiff from the cold, which arrived here in October as if it had "
    "been waiting for us.\n\n"
    "The crossing took eleven days. The ship was called the Saturnia and we were in third class, four "
    "women to a cabin near the engines. Your godmother was sick for the first five days and I was sick "
    "for the last three, so at least we took turns looking after each other. We landed at Pier 21 on a "
    "grey morning and from there took the train for two days and a night. I have never seen so many "
    "trees. Zé says that you could walk for a month and not come to the end of them.\n\n"
    "Zé found work in the second week, at a factory that makes parts for railway carriages. He leaves "
    "at six in the morning and comes back at six at night, but the pay is better than anything he "
    "could earn at home, and on Saturdays he helps a Portuguese man from Aveiro who has a small "
    "building business. I clean offices in the evenings with two Italian women. We do not understand "
    "each other at all, but we laugh a lot.\n\n"
    "We rent two rooms at the top of a house on a street full of families from the Azores, so I hear "
    "Portuguese every day and sometimes forget where I am. The landlady lends us her radio. On Sundays "
    "there is a Mass in Portuguese at a church twenty minutes' walk away.\n\n"
    "I am going to an English class on Tuesday and Thursday nights. The teacher is patient, but "
    "English words are not written the way they sound, and French is everywhere here too, so my head "
    "is full. Manuel, the son of our neighbours, is only seven and already speaks both. He corrects me "
    "and I pretend to be offended.\n\n"
    "Last Sunday the neighbours took us in their car to see a lake outside the city. The trees had "
    "turned every colour you can imagine, red and gold and a purple that I have only seen in the robes "
    "of the bishop at Easter. Zé stood at the edge of the water for a long time without speaking, and "
    "then he said that his father would never believe him. I think he was a little homesick that day, "
    "though he will not admit it. In the evening we ate salt cod that a woman from Ponta Delgada sold "
    "us, and it tasted almost right.\n\n"
    "Tell Mãe that we are well and eating properly, and that the coat she knitted is the most useful "
    "thing in our suitcase. We are saving, and if God wills, in two years we will send for you.\n\n"
    "With all my love,\n"
    "your sister Graça"
)

AI_POLICY = (
    "Faculty of Humanities — Guidance on the use of generative AI tools in assessed work (2024/25)\n\n"
    "1. Purpose\n"
    "This guidance explains when students may use generative AI tools (such as chatbots and image "
    "generators) in coursework that counts towards their degree. It applies to all undergraduate and "
    "taught postgraduate modules in the Faculty unless a module handbook says otherwise.\n\n"
    "2. Three categories of assessment\n"
    "Each assessment brief will state which of the following categories applies:\n"
    "• Category A – No AI. AI tools may not be used at any stage. This applies to all in-person exams, "
    "language-proficiency tests and reflective journals.\n"
    "• Category B – AI-assisted. AI tools may be used for specific, listed tasks, such as generating "
    "ideas, checking grammar or getting feedback on a draft, but the submitted text must be written by "
    "the student.\n"
    "• Category C – AI-integrated. The use of AI is part of the task itself, for example critically "
    "evaluating a chatbot's answer to a historical question.\n"
    "If an assessment brief does not state a category, Category A applies.\n\n"
    "3. Acknowledging use\n"
    "In Category B and C assessments, students must include a short statement at the end of their work "
    "naming the tool(s) used, what they were used for, and, where relevant, the prompts given. "
    "Undeclared use is treated in the same way as undeclared use of any other source.\n\n"
    "4. Detection tools\n"
    'The Faculty does not use automated "AI detection" software as evidence of misconduct, because '
    "such tools are unreliable and more likely to flag the work of students writing in a second "
    "language. Where a marker suspects undeclared use, the student may be invited to a short "
    "conversation about their work, in which they explain how it was produced. This conversation is "
    "not a disciplinary hearing.\n\n"
    "5. Consequences\n"
    "Where misconduct is found, penalties follow the University's Academic Integrity Procedure and "
    "range from a required resubmission with the mark capped at the pass mark, to a mark of zero for "
    "the module.\n\n"
    "6. Help\n"
    "Students who are unsure whether a particular use is allowed should ask their module convenor "
    'before submitting. The Library runs a one-hour workshop, "Using AI responsibly in your '
    'studies", every fortnight during term.'
)

SOFA_CHAT = (
    "[Chat transcript – HomeNest customer support – 18 Oct, 10:41]\n\n"
    "Agent (Sunita): Hi, you're through to Sunita. How can I help today?\n"
    "Customer: hi. my sofa was delivered yesterday (order HN-558120) and one of the back legs is "
    "snapped off and theres a big tear in the fabric on the left arm. the delivery guys left before i "
    "could check it properly\n"
    "Sunita: I'm really sorry to hear that, that's not the experience we want you to have. Could you "
    "send me a couple of photos of the damage and of the box/packaging if you still have it?\n"
    "Customer: [image1.jpg] [image2.jpg] [image3.jpg] packaging is already in the recycling bin "
    "outside, is that a problem?\n"
    "Sunita: Thank you. No problem at all, the photos of the damage are enough. I can see the leg and "
    "the tear clearly. You have two options: we can send a technician to replace the leg and the left "
    "arm cover, or we can collect the sofa and deliver a brand-new one.\n"
    "Customer: how long for each\n"
    "Sunita: The technician's earliest slot is next Thursday, 24 Oct. A replacement sofa is in stock "
    "and the earliest delivery is 29 Oct; we would collect the damaged one on the same visit.\n"
    "Customer: replacement please. i dont trust a repaired arm. can i keep using it until then\n"
    "Sunita: Of course, as long as it's safe to sit on. I've booked the replacement for 29 Oct, "
    "between 7am and 1pm, and you'll get a text with a 2-hour window the evening before. As an apology "
    "I've also refunded the £49 delivery charge to your original payment method; it should show in 3–5 "
    "working days.\n"
    "Customer: ok thanks thats good. do i need to be there\n"
    "Sunita: Yes, someone over 18 needs to be at home to sign for the new sofa and hand over the old "
    "one. Is there anything else I can help with?\n"
    "Customer: no thats all\n"
    "Sunita: Thanks for your patience, and sorry again. Have a good day!"
)

FRISBEE_REPORT = (
    "Tidewater Herons defend ultimate title in double-game-point thriller\n\n"
    "The Tidewater Herons kept their national women's ultimate title on Sunday, beating the Copperline "
    "Otters 15–14 on a double-game-point final that had the crowd at Riverside Fields on its feet for "
    "the last ten minutes.\n\n"
    "The Otters, seeded fourth, started faster. Their handler Aya Morimoto threw three assists in the "
    "first six points, and a layout block by defender Nkechi Obi on the Herons' first offensive "
    "possession set the tone. By half-time (8 points in this format) the Otters led 8–5, and when they "
    "extended the lead to 11–7 in the second half, the defending champions looked to be in trouble.\n\n"
    "Then the wind picked up. The Herons switched to a zone defence that forced the Otters to throw "
    "into the gusts, and three turnovers in a row let them score four unanswered points to draw level "
    "at 11–11. The teams traded points until 14–14, when the cap horn made the next point decisive.\n\n"
    "On the final point, after a 40-second possession with nine passes, Herons captain Bea Lindholm "
    "found rookie Jo Akande in the corner of the end zone with a low forehand that just cleared a "
    "defender's outstretched hand. Akande, 19, who only started playing at university two years ago, "
    "was mobbed by her teammates.\n\n"
    '"We didn\'t panic at 11–7," Lindholm said afterwards. "We\'d practised that zone all season for '
    'exactly this kind of wind." Otters coach Marguerite Leclair said her team had "played the best '
    'ultimate in the tournament for 70 minutes" and that she was proud of them despite the loss.\n\n'
    "Morimoto was named the tournament's most valuable player, with 31 assists over six games. The "
    "Spirit of the Game award, voted for by the opposing teams, went to the Otters for the second year "
    "running."
)

ANNING = (
    "Mary Anning (1799–1847) was an English fossil collector and palaeontologist whose discoveries "
    "along the cliffs of Lyme Regis in Dorset changed scientific ideas about prehistoric life.\n\n"
    "Anning was born into a poor family. Her father, Richard, a cabinetmaker, supplemented the "
    'family\'s income by selling fossils ("curiosities") found on the beach to tourists, and he '
    "taught his children to find and clean them. After his death in 1810 the family was left in debt, "
    "and the fossil business became an important source of income. The cliffs around Lyme Regis, made "
    "of layers of limestone and shale from the Early Jurassic, are rich in fossils, but collecting was "
    "dangerous work, best done in winter when storms caused landslips that exposed new material. In "
    "1833 Anning narrowly escaped a landslide that killed her dog, Tray.\n\n"
    "Around 1811, her brother Joseph found the skull of what was later called an ichthyosaur, and over "
    "the following months Mary, then about twelve, found the rest of the skeleton. In 1823 she found "
    "the first complete skeleton of a plesiosaur, a marine reptile with a small head and a very long "
    "neck, which was so strange that some experts, including the French anatomist Georges Cuvier, at "
    "first suspected a forgery. In 1828 she found the first pterosaur skeleton discovered outside "
    "Germany.\n\n"
    "As a woman, Anning could not vote, attend university or join the Geological Society of London, "
    "and the scientists who bought her specimens often published them without mentioning her. "
    "Nevertheless her knowledge was widely respected, and geologists visited Lyme to search the "
    'beaches with her. She was one of the first to recognise that "bezoar stones" found inside '
    "ichthyosaur skeletons were fossilised faeces, now called coprolites.\n\n"
    "Late in life she received an annuity raised by members of the British Association for the "
    "Advancement of Science. She died of breast cancer in 1847, aged 47. In 2010 the Royal Society "
    "included her in a list of the ten British women who have most influenced the history of science."
)

BLIGHT_BULLETIN = (
    "GROWER BULLETIN No. 17 — Late blight in outdoor tomatoes\n\n"
    "Weather conditions over the past week have been favourable for late blight (Phytophthora "
    "infestans). Reports of infected tomato plants have come in from allotments and market gardens "
    "across the district, and growers are advised to check their plants daily.\n\n"
    "Recognising late blight\n"
    "• Leaves: irregular, water-soaked grey-green patches that quickly turn brown; in humid weather a "
    "white, downy growth may be visible on the underside of the leaf at the edge of the patch.\n"
    "• Stems: dark brown to black lesions, often where a leaf joins the stem.\n"
    "• Fruit: firm, brown, greasy-looking patches, usually starting on the upper side of green fruit.\n"
    "Late blight spreads very fast. A whole planting can collapse within a week of the first symptoms "
    "appearing.\n\n"
    "How it spreads\n"
    "Spores are carried by wind and rain splash. Infection needs leaves to stay wet for at least 11 "
    'hours at temperatures above 10 °C. Two consecutive days with these conditions (a "Hutton '
    'period") means a high risk of infection in the following days.\n\n'
    "What to do\n"
    "1. Remove and bag infected leaves as soon as you see them. Do not compost them.\n"
    "2. If stems are infected, pull up the whole plant. Harvest any green fruit that shows no "
    "symptoms: it can ripen indoors on a windowsill, but check it every day.\n"
    "3. Water at the base of the plant in the morning, never over the leaves.\n"
    "4. Improve air flow by removing lower leaves up to the first truss and spacing plants further "
    "apart next year.\n"
    "5. Do not save seed from infected fruit, and do not plant tomatoes or potatoes in the same bed "
    "next year.\n\n"
    "Resistant varieties\n"
    "Varieties bred for blight resistance, such as 'Crimson Crush' and 'Mountain Magic', were largely "
    "unaffected in last year's trials. They are not immune, but they give you much more time.\n\n"
    "For advice, contact the advisory line (Mon–Fri, 9–12)."
)

QUILLNOTE_RELEASE = (
    "Quillnote 4.2 — release notes\n\n"
    "New\n"
    "• Offline mode for the mobile apps. Notes you open or edit while offline are saved on your device "
    'and synced as soon as a connection is available. You can mark whole notebooks as "Available '
    'offline" from the notebook menu (up to 2 GB on the free plan, unlimited on Pro).\n'
    "• Handwriting search. Text in handwritten notes and photos of whiteboards is now recognised and "
    "included in search results. Recognition runs on your device; images are not uploaded for this.\n\n"
    "Improved\n"
    "• Sync is up to 3× faster for notebooks with more than 1,000 notes.\n"
    "• The desktop app starts about 40% faster on Windows.\n\n"
    "Fixed\n"
    "• Fixed an issue where checklists with more than 200 items could not be reordered.\n"
    "• Fixed a crash on Android 14 when sharing a note to another app.\n"
    "• Reminders set for the last day of a month now fire correctly.\n\n"
    "Changed\n"
    '• The legacy "Quick note" widget for Android has been replaced by the new note widget. Existing '
    "widgets will be migrated automatically.\n"
    "• Support for macOS 11 (Big Sur) ends with this release. Quillnote 4.2 will continue to work, but "
    "future updates will require macOS 12 or later."
)

TAMBORA = (
    "[Result 1 – encyclopedia entry]\n"
    "The 1815 eruption of Mount Tambora on the island of Sumbawa, in present-day Indonesia, is the "
    "most powerful volcanic eruption in recorded history. It reached its climax on 10 April 1815, "
    "ejecting an estimated 150 cubic kilometres of material. Around 10,000 people were killed "
    "directly, and tens of thousands more died in the following months from starvation and disease on "
    "Sumbawa and the neighbouring island of Lombok.\n\n"
    "[Result 2 – climate history article]\n"
    "The eruption released large amounts of sulphur dioxide into the stratosphere, where it formed a "
    "haze of sulphate aerosols that reflected sunlight. Average global temperatures fell by around "
    '0.4–0.7 °C. In 1816, known in Europe and North America as the "Year Without a Summer", New '
    "England saw snow in June and frosts in every summer month, and harvests failed across much of "
    "western Europe. Food prices rose sharply, and there were riots in Britain and France.\n\n"
    "[Result 3 – literature blog]\n"
    "The cold, wet summer of 1816 has an unexpected legacy in literature. Kept indoors by constant "
    "storms at a villa near Lake Geneva, a group of young writers agreed to a contest to write ghost "
    "stories. Mary Shelley, then eighteen, began the story that became Frankenstein, and John Polidori "
    "wrote The Vampyre. Some historians have also linked the spectacular, hazy sunsets of those years "
    "to the glowing skies in paintings by J. M. W. Turner.\n\n"
    "[Result 4 – forum post]\n"
    "Fun fact: some people claim the velocipede (the early bicycle without pedals) was invented in "
    "1817 because horses were dying from lack of oats after the bad harvest. The inventor was Karl "
    "Drais. Nobody really knows if that's why, but it's a good story."
)

SNOWBOUND_RULES = (
    "SNOWBOUND POST — Rules of play (2–4 players, cooperative, ages 10+)\n\n"
    "Overview\n"
    "You are the postal couriers of a mountain town, racing to deliver the last parcels before the "
    "pass closes for winter. You win together if you deliver all 12 parcels before the Storm marker "
    "reaches the last space of the Weather track. You all lose immediately if the Storm marker reaches "
    "the end first or if the Snowdrift deck runs out.\n\n"
    "Setup\n"
    "1. Lay out the 16 town tiles face up in a 4×4 grid.\n"
    "2. Shuffle the Parcel cards and place 4 face up beside the board; these are the open orders.\n"
    "3. Each player takes a courier pawn, places it on the Post Office tile, and draws 3 Route cards.\n"
    "4. Place the Storm marker on the first space of the Weather track.\n\n"
    "On your turn\n"
    "Take exactly two actions from the following, in any order (you may take the same action twice):\n"
    "• Move: play a Route card and move your courier the number of tiles shown, orthogonally.\n"
    "• Pick up: take a parcel shown on an open order card whose sender is on your tile. A courier can "
    "carry at most 2 parcels.\n"
    "• Deliver: drop a parcel on its destination tile. Replace the order card from the deck.\n"
    "• Hand off: give one parcel or one Route card to another courier on the same tile.\n"
    "Then draw Route cards until you have 3, and reveal one Snowdrift card.\n\n"
    "Snowdrift cards\n"
    "Most Snowdrift cards block a tile with a drift token; a courier cannot enter a blocked tile. "
    '"Avalanche Warning" cards move the Storm marker forward 2 spaces instead. When a tile would '
    "receive its second drift token, remove both tokens and move the Storm marker forward 1 space.\n\n"
    "Snowplough\n"
    "Once per game, any player may spend both actions to clear all drift tokens from one row or column "
    "of tiles.\n\n"
    "End of round\n"
    "After every player has had a turn, move the Storm marker forward 1 space.\n\n"
    "Variant for experienced players\n"
    'Use the 4 "Express" cards: an express parcel must be delivered within one round of being '
    "revealed, or the Storm marker moves forward 3 spaces."
)

AMOXICILLIN_LEAFLET = (
    "Package leaflet: information for the patient\n"
    "Amoxicillin 500 mg capsules\n\n"
    "Read all of this leaflet carefully before you start taking this medicine. Keep this leaflet; you "
    "may need to read it again.\n\n"
    "What amoxicillin is and what it is used for\n"
    "Amoxicillin is an antibiotic of the penicillin family. It works by killing bacteria that cause "
    "infections. It is used to treat infections of the chest, ears, nose, throat, urinary tract, skin "
    "and teeth, among others. It does not work against viral infections such as colds or flu.\n\n"
    "Do not take amoxicillin\n"
    "• if you are allergic to amoxicillin, any penicillin or any of the other ingredients of this "
    "medicine;\n"
    "• if you have ever had a serious allergic reaction (such as a skin rash or swelling of the face "
    "or throat) to any other antibiotic.\n\n"
    "How to take amoxicillin\n"
    "The usual dose for adults is one 500 mg capsule three times a day, about eight hours apart. "
    "Swallow the capsules whole with a glass of water; they can be taken with or without food. Keep "
    "taking them until the course is finished, even if you feel better. If you stop too early the "
    "infection may come back.\n"
    "If you forget a dose, take it as soon as you remember, unless the next dose is due within four "
    "hours. Do not take a double dose to make up for a forgotten one.\n\n"
    "Possible side effects\n"
    "Common (may affect up to 1 in 10 people): diarrhoea, feeling sick, skin rash.\n"
    "Stop taking amoxicillin and see a doctor at once if you notice: swelling of the face, lips or "
    "tongue, difficulty breathing, a widespread itchy rash or blistering of the skin, or severe or "
    "bloody diarrhoea.\n\n"
    "Other medicines\n"
    "Tell your doctor if you are taking allopurinol (for gout), because skin reactions are more "
    "likely, or warfarin or other blood thinners, because you may need extra blood tests. Amoxicillin "
    "may make the contraceptive pill less effective if it causes vomiting or diarrhoea.\n\n"
    "Storing amoxicillin\n"
    "Store below 25 °C in the original package. Do not use after the expiry date printed on the carton."
)

HER_JOB = (
    "Job posting: GIS Officer, Historic Environment Record (permanent, full-time) — Marlowe County "
    "Council\n\n"
    "About us\n"
    "The Historic Environment Record (HER) is the county's database of everything we know about its "
    "past: more than 48,000 archaeological sites, finds, historic buildings, battlefields and "
    "landscapes, from Bronze Age burial mounds to Second World War pillboxes. Planners, developers, "
    "researchers and members of the public use it every day, and it is the starting point for every "
    "planning decision that might affect buried archaeology.\n\n"
    "The role\n"
    "As GIS Officer you will:\n"
    "• maintain and improve the HER's spatial data, making sure that every record is mapped "
    "accurately;\n"
    "• add new sites identified by excavations, aerial photographs and reports from metal "
    "detectorists;\n"
    "• process LiDAR data to identify earthworks hidden under woodland, and record them;\n"
    "• produce maps and data searches for planning applications, usually within ten working days;\n"
    "• help migrate the remaining paper record cards, some of them dating from the 1970s, to digital "
    "format.\n\n"
    "What we're looking for\n"
    "Essential:\n"
    "• a degree in archaeology, geography or a related subject, or equivalent experience;\n"
    "• at least two years' experience with a desktop GIS (ArcGIS Pro or QGIS);\n"
    "• experience managing spatial data to a consistent standard;\n"
    "• good written communication, as you will often explain records to non-specialists.\n"
    "Desirable:\n"
    "• experience with LiDAR or other remote-sensing data;\n"
    "• Python or SQL for data processing;\n"
    "• knowledge of national heritage data standards.\n\n"
    "What we offer\n"
    "Salary £36,800–£42,500 depending on experience, 27 days' annual leave plus bank holidays, the "
    "local government pension scheme, and hybrid working (normally two days a week at County Hall). We "
    "support membership of a professional body and further study.\n\n"
    "How to apply\n"
    "Send your CV and a cover letter of no more than one page to heritage.jobs@marlowe.example by "
    "23:59 on 30 May. Interviews will be held in the week of 9 June and will include a short practical "
    "exercise. We welcome applications from people of all backgrounds and will make reasonable "
    "adjustments at any stage of the process."
)

PARKING_NOTICE = (
    "PUBLIC NOTICE — Introduction of Residents' Parking Zone K (Ashgrove and Millbank)\n\n"
    "The Borough Council intends to introduce a residents' parking zone, to be known as Zone K, "
    "covering Ashgrove Road, Millbank Terrace, Fenwick Street, Cole Lane and Saltash Close. The scheme "
    "follows a consultation last winter in which 64% of the 1,180 households who replied were in "
    "favour.\n\n"
    "What will change\n"
    "From Monday 6 October, parking in the zone will be restricted to permit holders between 8 am and "
    "6.30 pm, Monday to Saturday. Outside these hours, and on Sundays and bank holidays, anyone may "
    "park. Pay-by-phone bays for visitors will be provided on Fenwick Street near the shops, with a "
    "maximum stay of two hours.\n\n"
    "Permits\n"
    "• Each household may apply for up to two residents' permits. The first permit costs £60 a year "
    "and the second £110 a year. Permits for fully electric vehicles cost £30.\n"
    "• Visitor permits are sold in books of ten half-day vouchers for £12. Each household may buy up "
    "to 10 books a year; households where someone is aged over 75 or is a Blue Badge holder may buy "
    "books at half price.\n"
    "• Businesses in the zone may apply for up to two business permits at £350 a year each.\n"
    "• Permits are digital; you will not need to display anything in your car. Wardens check number "
    "plates.\n\n"
    "How to apply\n"
    "Apply online from 1 September. You will need your vehicle's registration number and a proof of "
    "address dated within the last three months, such as a council tax bill or utility bill. Residents "
    "without internet access can apply in person at the Town Hall customer service centre.\n\n"
    "Objections\n"
    "Anyone wishing to object to the proposals must write to the Parking Services Manager at the Town "
    "Hall or email parking.consultation@borough.example, stating their grounds, by 5 pm on 15 August."
)

NOVEL_EXCERPT = (
    "The bus left her at the crossroads because it did not go down to the village any more. Nell stood "
    "with her suitcase on the verge and watched it climb back up the hill, its one working tail-light "
    "blinking like something that had forgotten what it was for.\n\n"
    "It was two miles to Hollins End. She had walked them a thousand times as a girl, in school shoes, "
    "in wellingtons, once barefoot for a bet, and she was surprised how little of the road she "
    "remembered. The oaks were where they should be. The chapel had become a house, with a trampoline "
    "in what had been the graveyard — no, beside it; the graves were still there, leaning together "
    "behind a new fence as if they were gossiping about the trampoline.\n\n"
    "Her mother's cottage was the last one before the marsh. Someone had cut the grass. Someone had "
    "also put a small concrete rabbit by the front step, and Nell stood looking at it for a long time, "
    "because her mother had hated garden ornaments with a passion usually reserved for politicians, "
    "and the rabbit meant that something had changed in the last years that Nell had not been told "
    "about, or had not asked about, which was worse.\n\n"
    "The key was under the third flowerpot, as it had always been. Inside, the house smelled of damp "
    "and lavender and, very faintly, of the paraffin heater that had been forbidden since 1994. The "
    "kitchen clock had stopped at twenty past four. On the table was a list in her mother's "
    "handwriting: milk, stamps, ring Eileen re: the hedge, bulbs?? — and then, underlined twice, "
    "Nell's name, and nothing after it.\n\n"
    "She sat down without taking off her coat. Outside, the marsh was doing what it did at that hour, "
    "turning from green to silver to a colour there was no name for, and the geese were coming in low "
    "over the reeds, complaining to each other about the journey. Nell put her hand flat on the list, "
    "over her own name, and waited for whatever she had come here to feel."
)

RENT_CONTROL_NOTES = (
    "ECON 102 – Lecture 9 notes: price ceilings (rent control example)\n\n"
    "Definitions\n"
    '- Price ceiling = legal MAXIMUM price. Only "binding" if set BELOW the equilibrium price (a '
    "ceiling above equilibrium changes nothing).\n"
    "- Rent control = a price ceiling on housing rents. Two main types: 1st generation (hard freeze / "
    "cap on rent levels) vs 2nd generation (limits on annual INCREASES, often tied to inflation, with "
    "exemptions for new buildings).\n\n"
    "Short run vs long run\n"
    "- Short run: supply of apartments ≈ fixed (inelastic), can't build new buildings overnight. So a "
    "binding ceiling mostly transfers money from landlords to current tenants; the shortage is small.\n"
    "- Long run: supply more elastic → landlords convert units to condos, stop maintaining, fewer new "
    "rentals built. Demand also more elastic (people move to the city, split from roommates). Shortage "
    "GROWS over time.\n\n"
    "Graph (draw in notes): ceiling Pc below P*, quantity supplied Qs < quantity demanded Qd, shortage "
    "= Qd − Qs. Deadweight loss = triangle between S and D curves from Qs to Q*.\n\n"
    "Side effects (non-price rationing)\n"
    '- Long waiting lists, "key money" (illegal side payments), discrimination by landlords who can '
    "choose among many applicants\n"
    "- Lower quality / less maintenance, since landlord can't raise rent to pay for it\n"
    "- Misallocation: tenants stay in controlled flats that no longer fit them (e.g. empty-nesters in "
    '3-bed), "lock-in"\n\n'
    "Evidence discussed in class\n"
    "- Study of San Francisco's 1994 expansion of rent control: tenants who got control were ~20% more "
    "likely to still be at the same address 5+ yrs later (benefit to them), BUT landlords of covered "
    "buildings reduced rental housing supply by ~15% (conversions, redevelopment) → pushed up rents "
    "elsewhere in the city.\n"
    "- Prof's point: most economists oppose hard caps; debate is more open on 2nd generation controls "
    "+ tenant protections (e.g. against sudden eviction).\n\n"
    "For next week: read ch. 6.2 (price floors, minimum wage). Problem set 4 due Thursday."
)

JET_LAG = (
    "Beating jet lag: what actually works\n\n"
    "Jet lag happens when your body clock — the internal, roughly 24-hour rhythm that controls when "
    "you feel sleepy, hungry and alert — is out of step with the time zone you have arrived in. The "
    "clock does not reset at once: it shifts by only about one hour per day on its own, so after "
    "crossing six time zones it can take most of a week before you feel normal again.\n\n"
    "Direction matters. Most people find flying east harder than flying west. Flying west lengthens "
    "your day, and the body clock finds it easier to stay up later than to fall asleep earlier. A "
    "flight from Europe to the US east coast is usually shaken off faster than the return journey.\n\n"
    "Light is the strongest signal. Daylight tells the body clock what time it is, so the timing of "
    "light exposure matters more than almost anything else. As a rough rule: after flying east, get "
    "bright light in the morning and avoid it in the late evening; after flying west, get bright light "
    "in the late afternoon and evening. Going outside is far more effective than indoor lighting, even "
    "on a cloudy day. Sunglasses can help you avoid light at the wrong time.\n\n"
    "Sleep and naps. On arrival, try to go to bed at a normal local time. If you must nap, keep it "
    "under 30 minutes and before mid-afternoon, or it will make the first night harder.\n\n"
    "Melatonin. The hormone melatonin, available over the counter in some countries and on "
    "prescription in others, can help shift the body clock when taken in the local evening after "
    "flying east. Evidence for it is reasonably good, but check with a doctor or pharmacist first, "
    "particularly if you take other medicines.\n\n"
    "Food, drink and caffeine. Eating meals at local times may help a little. Alcohol on the plane "
    "makes sleep worse, and caffeine can keep you alert in the morning but should be avoided in the "
    "six hours before bedtime.\n\n"
    "Short trips. If you are only away for two or three days, it may be better not to adjust at all "
    "and to keep to home time as far as you can."
)

COFFEE_PROCESSING = (
    'Washed, natural, honey: what "process" means on your coffee bag\n\n'
    "A coffee bean is the seed of a fruit, the coffee cherry. After harvest, the fruit has to be "
    "removed and the seeds dried before they can be shipped and roasted. How that is done — the "
    "process — has a large effect on how the coffee tastes, which is why speciality roasters print it "
    "on the bag.\n\n"
    "Washed (or wet) process. The cherries are put through a pulping machine that strips off the skin "
    "and most of the fruit. The seeds, still covered with a sticky layer called mucilage, are left to "
    "ferment in tanks of water for 12 to 72 hours, which loosens the mucilage so that it can be washed "
    "off. The clean seeds are then dried on patios or raised beds for one to two weeks. Washed coffees "
    "tend to taste clean and bright, with clear acidity, and they let the character of the variety and "
    "the place it was grown show through. This method needs a lot of water.\n\n"
    "Natural (or dry) process. The oldest method: whole cherries are spread out in the sun to dry, "
    "fruit and all, for three to six weeks, and turned regularly so they dry evenly and do not rot. "
    "Only then are the dried fruit and husk removed. Because the seed sits inside the fruit for so "
    "long, naturals often taste sweet, heavy and fruity, sometimes with notes of blueberry or wine. "
    "They are also riskier: uneven drying can produce unpleasant fermented flavours. The method is "
    "common in Ethiopia and Brazil and in places where water is scarce.\n\n"
    "Honey (or pulped natural) process. A middle way, developed especially in Costa Rica. The skin is "
    "removed, but some or all of the mucilage is left on the seed as it dries. Producers call the "
    "results yellow, red or black honey, depending on how much mucilage is left and how slowly the "
    "coffee dries; black honey keeps the most and dries slowest. No honey is involved: the name comes "
    "from the sticky feel of the mucilage. Honey-processed coffees are usually sweeter and rounder "
    "than washed ones, but cleaner than naturals.\n\n"
    'In recent years many producers have also experimented with "anaerobic" fermentation in sealed '
    "tanks, which can produce very intense and unusual flavours."
)

BRUTALISM = (
    "Brutalism is a style of architecture that flourished from the early 1950s to the mid-1970s, "
    "characterised by massive, monolithic forms, exposed structure and, above all, raw concrete left "
    "unfinished so that the marks of the wooden formwork remain visible on its surface. The name comes "
    'from the French béton brut, "raw concrete", a phrase associated with Le Corbusier, whose Unité '
    "d'Habitation in Marseille (1952), a large housing block raised on thick concrete pillars, was a "
    'major influence. The term "New Brutalism" was popularised by the British critic Reyner Banham '
    "in a 1955 essay and a 1966 book.\n\n"
    "Brutalist buildings were often built for public institutions: universities, council housing "
    "estates, government offices, theatres, libraries and churches. The style was cheap to build at "
    "scale, suited the large programmes of post-war reconstruction and the expansion of the welfare "
    "state, and was seen by its architects as honest, because it did not hide what a building was made "
    "of or how it was held up. Well-known examples include the Barbican Estate in London, Boston City "
    "Hall, the National Theatre in London, and the Geisel Library at the University of California, San "
    "Diego.\n\n"
    "From the late 1970s the style fell out of favour. Critics associated it with neglected housing "
    "estates and with a cold, oppressive kind of authority; concrete weathered badly in wet climates, "
    "staining and streaking; and many buildings had been poorly maintained. A number of notable "
    "Brutalist buildings were demolished in the following decades, among them the Robin Hood Gardens "
    "estate in London, whose demolition began in 2017 despite a campaign to save it.\n\n"
    "Since the 2000s, Brutalism has undergone a revival of interest. Photography books, social media "
    "accounts and campaigns to list buildings for protection have brought it a new audience, and some "
    "buildings once threatened with demolition — such as Preston bus station, listed in 2013 — have "
    "been restored. Supporters argue that the best Brutalist buildings are ambitious, sculptural and "
    "generous public spaces; opponents still find them ugly. The argument itself has become part of "
    "the style's reputation."
)

WHISTLED_LANGUAGES = (
    "[Document 1 — magazine feature]\n"
    "On La Gomera, one of the smaller Canary Islands, deep ravines separate villages that are a short "
    "distance apart as the crow flies but hours apart on foot. To talk across them, the islanders "
    "developed Silbo Gomero, a whistled form of Spanish. Whistlers use a finger in the mouth, or a "
    "cupped hand, to produce a piercing sound that can be understood up to 3 km away in good "
    "conditions. Silbo does not have its own vocabulary: it turns spoken Spanish into whistles, "
    "replacing the vowels with two distinct pitches and the consonants with rises, falls and breaks in "
    "the sound.\n\n"
    "[Document 2 — UNESCO listing summary]\n"
    "Silbo Gomero was inscribed on the Representative List of the Intangible Cultural Heritage of "
    "Humanity in 2009. By the 1950s its use had declined sharply because of emigration and the arrival "
    "of roads and telephones. Since 1999 it has been a compulsory subject in the island's primary "
    "schools, and it is now understood by almost all schoolchildren on the island.\n\n"
    "[Document 3 — research news]\n"
    "Whistled languages are not unique to the Canaries: researchers have documented around 70 whistled "
    "forms of spoken languages around the world, including Turkish in the village of Kuşköy, Greek in "
    "Antia on the island of Evia, and several languages of Mexico and West Africa. Tonal languages, in "
    "which pitch distinguishes words, tend to be whistled by imitating the tones, while non-tonal "
    "languages like Spanish and Turkish are whistled by imitating the resonances of vowels. A 2015 "
    "study of Turkish whistlers found that, unlike spoken language, which is mainly processed in the "
    "left half of the brain, whistled Turkish was processed by both hemispheres more equally."
)

BEAVERS = (
    "Beavers back on the Aldwater after 400 years, and the river is already changing\n\n"
    "Eighteen months after two beaver families were released into a fenced enclosure on the upper "
    "Aldwater, the animals have built six dams, created nearly a hectare of new ponds and wetland, and "
    "— according to the first report of the monitoring team — noticeably reduced flooding in the "
    "village downstream.\n\n"
    "Beavers were hunted to extinction in the region in the sixteenth century for their fur, their "
    "meat and a secretion called castoreum, once used in medicine and perfume. The trial release, "
    "licensed by the government's nature agency, is one of a dozen around the country testing whether "
    "beavers can help manage water in upland catchments.\n\n"
    "The monitoring team, from the regional university, has measured the flow of the stream above and "
    "below the enclosure since before the release. During the three largest storms of last winter, "
    "peak flow leaving the enclosure was on average 28% lower than peak flow entering it, and peaks "
    'arrived about two hours later. "The dams work like a series of leaky sponges," said hydrologist '
    "Dr Aileen Mwangi. \"They don't stop floods, but they slow the water down and spread it out, which "
    'buys time downstream." The village of Nether Aldby was flooded four times between 2015 and 2022 '
    "but has not been flooded since the release.\n\n"
    "The ponds have also attracted wildlife. Volunteers have recorded frogs and toads breeding in "
    "numbers not seen before, as well as five species of dragonfly and two of bats feeding over the "
    "water.\n\n"
    "Not everyone is pleased. A farmer whose fields border the enclosure said that one dam had raised "
    "the water table under a field of grazing land, making it too wet for sheep in winter. The project "
    'has agreed to install a "beaver deceiver" — a pipe through the dam that keeps the pond at a '
    "fixed level — and to compensate him for the lost grazing. The national farmers' union has called "
    "for clear rules on who pays when beavers released into the wild cause damage, before any further "
    "releases without fences are approved."
)

FLAT_LISTING = (
    "🏡 FOR RENT: bright 2-bed flat, 3rd floor, Wren Street (near Eastgate tram stop)\n\n"
    "£1,350 per month · available from 1 August · minimum tenancy 12 months\n\n"
    "Light-filled two-bedroom flat in a well-kept 1930s building, newly redecorated throughout.\n\n"
    "• Open-plan living room and kitchen (approx. 28 m²) with two large south-facing windows\n"
    "• Kitchen with gas hob, electric oven, dishwasher and fridge-freezer; washing machine in a "
    "separate utility cupboard\n"
    "• Double bedroom with built-in wardrobe; second bedroom fits a single bed and a desk (ideal as a "
    "home office)\n"
    "• Bathroom with shower over the bath, renovated 2022\n"
    "• Original wooden floors; new double glazing; gas central heating\n"
    "• Shared garden with space to dry washing; lockable bike storage in the basement\n"
    "• No lift (3rd floor = 54 steps!)\n"
    "• EPC rating C; council tax band B\n\n"
    "Unfurnished, but the landlord is happy to leave the sofa and dining table if wanted.\n\n"
    "Costs: rent excludes bills. Holding deposit of one week's rent (£311), deducted from the first "
    "month's rent. Security deposit of five weeks' rent (£1,557), protected in a government scheme.\n\n"
    "House rules: no smoking inside the building. One cat or small dog considered with a good "
    "reference from a previous landlord (no extra deposit, but professional cleaning at the end of the "
    "tenancy). Not suitable for sharers of more than two adults.\n\n"
    "Location: 4 minutes' walk to Eastgate tram stop (city centre in 10 minutes), supermarket on the "
    "corner, two primary schools within 500 m. Street parking is by resident permit only; one permit "
    "available per flat.\n\n"
    "Viewings Tuesdays and Saturdays. To book, message us with a short introduction: who would live in "
    "the flat, your job or studies, and your preferred move-in date."
)

PY38_THREAD = (
    "Issue #2817: Drop support for Python 3.8 in the next minor release?\n\n"
    "@lukasz-h opened this issue:\n"
    "Python 3.8 reached end of life in October 2024. Keeping it in our CI matrix costs us about 6 "
    "extra minutes per run, and several of our dependencies (numpy, the type-checker plugin) have "
    "already dropped it, so we're pinning old versions just for 3.8. I propose dropping 3.8 in 2.7.0 "
    'and setting `requires-python = ">=3.9"`. This would also let us use `dict | dict` merging and '
    "`str.removeprefix`.\n\n"
    "@ines-vaz commented:\n"
    "+1 from me. Download stats from the last 30 days: 3.8 is 4.1% of our installs, down from 11% a "
    "year ago. Most of that is probably old CI images.\n\n"
    "@tomasz-r commented:\n"
    "I'm not against it but please check with the downstream distros first. At least one LTS Linux "
    "distro still ships 3.8 as the system Python and packages us for it. If we drop it in a minor "
    "release, their users will be stuck on 2.6.x, which is fine only if we backport security fixes.\n\n"
    "@lukasz-h commented:\n"
    "Good point. Proposal: 2.6.x keeps getting security fixes for 6 months after 2.7.0 is released. "
    "pip will automatically pick 2.6.x for 3.8 users because of requires-python, so nobody gets a "
    "broken install.\n\n"
    "@maintainer-bot commented:\n"
    "This issue has been labelled `needs-decision`.\n\n"
    "@ines-vaz commented:\n"
    "Also, we should add a deprecation warning on import under 3.8 in a 2.6.x patch release first, so "
    "people see it coming.\n\n"
    "@tomasz-r commented:\n"
    "With the 6-month security window and the warning, I'm happy with it. 👍\n\n"
    "@lukasz-h commented:\n"
    "Summary of what we agreed: (1) 2.6.5 adds a DeprecationWarning on 3.8; (2) 2.7.0 drops 3.8 and "
    "requires 3.9+; (3) 2.6.x gets security fixes for 6 months after 2.7.0. I'll open PRs for (1) and "
    "(2). Closing once both are merged."
)

VOYNICH = (
    "Source A (library catalogue record):\n"
    "Beinecke MS 408. Cipher manuscript. Central Europe [?], 1400s–1500s [?]. 102 leaves (originally "
    "at least 116) on vellum, 23.5 × 16.2 cm, with many fold-out leaves. Written in an unknown script, "
    "with coloured drawings of plants, astronomical and astrological diagrams, and human figures, "
    "mostly female, in pools or tubes of liquid. Named after Wilfrid Voynich, the book dealer who "
    "acquired it in 1912. Donated to the library in 1969.\n\n"
    "Source B (news article, 2011):\n"
    "Radiocarbon tests carried out at the University of Arizona have dated the vellum of the "
    "manuscript to between 1404 and 1438, ruling out theories that it was a later forgery, for example "
    "by Voynich himself. The tests date the animal skin, not the ink, but the researchers said it was "
    "unlikely that a forger would have found and used so much blank vellum a century or more after it "
    "was made.\n\n"
    "Source C (encyclopedia article):\n"
    "The text, about 170,000 characters long, uses an alphabet of roughly 20 to 30 distinct symbols. "
    'Statistical studies have found that the frequency of its "words" follows patterns similar to '
    "those of natural languages, but some words repeat in ways that are rare in real texts, such as "
    "the same word appearing three times in a row. No proposed decipherment has been accepted by "
    "specialists. Among the many theories, the manuscript has been described as a cipher of Latin, a "
    "lost natural language, a constructed language, or meaningless text produced to look like writing, "
    "perhaps as a hoax to sell to a wealthy collector. The Holy Roman Emperor Rudolf II is said to "
    "have bought it for 600 gold ducats, though this is based on a single letter written decades later."
)

INDEX_FUNDS = (
    "Q&A: What is an index fund, and why do so many people recommend them?\n\n"
    "What is it?\n"
    "An index fund is an investment fund that tries to copy the performance of a market index — a list "
    "of companies chosen by fixed rules, such as the 500 large US companies in the S&P 500, or several "
    "thousand companies around the world in a global index. Instead of paying a manager to pick shares "
    "they think will do well, the fund simply buys all (or a representative sample) of the companies "
    "in the index, in the same proportions.\n\n"
    "Why are they cheap?\n"
    "Because no one is paid to research and pick shares, and the fund trades rarely, running costs are "
    "low. A typical index fund charges 0.05–0.25% of your money a year, while actively managed funds "
    "often charge 0.75–1.5%. That difference sounds small, but it compounds: over 30 years, on £10,000 "
    "growing at 6% a year before fees, a 1% annual fee costs you roughly £14,000 more than a 0.1% "
    "fee.\n\n"
    "Do they do worse than active funds?\n"
    "On average, no. By definition the average investor earns the market return before costs, so the "
    "average active fund must do worse than the market after its higher costs. Studies regularly find "
    "that, over 15 years, around 85–90% of actively managed US large-company funds have done worse "
    "than the S&P 500.\n\n"
    "What are the downsides?\n"
    "An index fund will never beat the market: it will follow it down in a crash as well as up. It "
    "also holds companies in proportion to their size, so a few very large companies can make up a big "
    "share of the fund. And you still need to choose which index, which depends on how much risk you "
    "want to take and how long you are investing for.\n\n"
    "Where do I buy one?\n"
    'Through an investment platform, a pension, or directly from fund companies. Look at the "ongoing '
    'charge" figure, the platform fee and whether the fund reinvests dividends ("accumulation" '
    'units) or pays them out ("income" units).\n\n'
    "This article is general information, not financial advice."
)

PASSAGES: dict[str, str] = {
    "SPEED_LIMIT": SPEED_LIMIT,
    "THERMOSTAT": THERMOSTAT,
    "SUBLET_CLAUSE": SUBLET_CLAUSE,
    "STIPEND_EMAIL": STIPEND_EMAIL,
    "GARDEN_MINUTES": GARDEN_MINUTES,
    "KHACHAPURI": KHACHAPURI,
    "SALT_ABSTRACT": SALT_ABSTRACT,
    "PRINTER_THREAD": PRINTER_THREAD,
    "AXOLOTL": AXOLOTL,
    "RATE_LIMITS": RATE_LIMITS,
    "CLIMBING_GYM_TERMS": CLIMBING_GYM_TERMS,
    "PIPE_NOTICE": PIPE_NOTICE,
    "RETRO_NOTES": RETRO_NOTES,
    "SOURDOUGH": SOURDOUGH,
    "CO2_ABSTRACT": CO2_ABSTRACT,
    "AQUARIUM_THREAD": AQUARIUM_THREAD,
    "RECOUNT_NEWS": RECOUNT_NEWS,
    "ROBOT_VACUUM": ROBOT_VACUUM,
    "EBRU": EBRU,
    "DNS_POSTMORTEM": DNS_POSTMORTEM,
    "HUT_HIKE": HUT_HIKE,
    "TRAVEL_INSURANCE": TRAVEL_INSURANCE,
    "COFFEE_POD": COFFEE_POD,
    "HEDGE_RULING": HEDGE_RULING,
    "TARDIGRADES": TARDIGRADES,
    "CROWS_PODCAST": CROWS_PODCAST,
    "GO_HISTORY": GO_HISTORY,
    "EMIGRATION_LETTER": EMIGRATION_LETTER,
    "AI_POLICY": AI_POLICY,
    "SOFA_CHAT": SOFA_CHAT,
    "FRISBEE_REPORT": FRISBEE_REPORT,
    "ANNING": ANNING,
    "BLIGHT_BULLETIN": BLIGHT_BULLETIN,
    "QUILLNOTE_RELEASE": QUILLNOTE_RELEASE,
    "TAMBORA": TAMBORA,
    "SNOWBOUND_RULES": SNOWBOUND_RULES,
    "AMOXICILLIN_LEAFLET": AMOXICILLIN_LEAFLET,
    "HER_JOB": HER_JOB,
    "PARKING_NOTICE": PARKING_NOTICE,
    "NOVEL_EXCERPT": NOVEL_EXCERPT,
    "RENT_CONTROL_NOTES": RENT_CONTROL_NOTES,
    "JET_LAG": JET_LAG,
    "COFFEE_PROCESSING": COFFEE_PROCESSING,
    "BRUTALISM": BRUTALISM,
    "WHISTLED_LANGUAGES": WHISTLED_LANGUAGES,
    "BEAVERS": BEAVERS,
    "FLAT_LISTING": FLAT_LISTING,
    "PY38_THREAD": PY38_THREAD,
    "VOYNICH": VOYNICH,
    "INDEX_FUNDS": INDEX_FUNDS,
}

# --------------------------------------------------------------------------- translation

TRANSLATION: list[str] = [
    "Translate into English: « Le boulanger du coin ferme tout le mois d'août, comme chaque année, et "
    "les habitants doivent traverser le pont pour trouver du pain frais. »",
    'How do I say "Could you please turn the music down? My baby is sleeping." in Spanish?',
    "pls translate to english, it's from my son's football coach:\n\n"
    "Hallo zusammen, das Training am Donnerstag fällt wegen des Gewitters aus. Wir holen es am Samstag "
    "um zehn Uhr nach. Bitte bringt eure Trinkflaschen mit. Grüße, Jens",
    "この書類に署名して、金曜日までに返送してください。\n\nwhat does this say? it's japanese I think",
    "Please translate the following into French for a formal business letter:\n\n"
    '"We regret to inform you that the shipment has been delayed because of a strike at the port. We '
    'expect delivery within ten working days and apologise for the inconvenience."',
    'Traduci in inglese, per favore: "Il museo resterà chiuso per lavori di restauro fino alla fine '
    'di settembre."',
    'my abuela sent me this and my spanish is rusty lol: "Mija, no te olvides de llevar un suéter, '
    'que en la sierra hace frío por las noches. Te quiero mucho." what does it mean in english?',
    'Übersetze bitte ins Deutsche: "The delivery of the new office chairs has been postponed until '
    'the end of next week."',
    "请把这句话翻译成英文：我们明天早上八点在火车站门口集合，别迟到。",
    'Translate to Japanese, polite form (です/ます): "Thank you for your hospitality during my stay. '
    'I hope to visit again next spring."',
    "Portuguese → English\n\nA farmácia da esquina agora abre aos domingos, das nove ao meio-dia.",
    "Переведите, пожалуйста, на английский: «Я забыл зонт в такси и не знаю, как его вернуть.»",
    'Can you translate "Where is the nearest subway station?" into Korean? Please add the '
    "romanization too, I can't read Hangul yet.",
    'Wat is dit in het Engels? "Vanwege werkzaamheden aan het spoor rijden er dit weekend geen '
    'treinen tussen Zwolle en Deventer."',
    "Swedish to English please: Jag har bokat ett bord för fyra personer klockan sju, men vi kanske "
    "blir fem.",
    "Please help me translate this to english, it is for my landlord and my english is not good: "
    '"Kaloryfer w sypialni nie grzeje od trzech dni. Czy może Pan przysłać hydraulika?"',
    'Bu cümleyi İngilizceye çevirir misiniz? "Kargo paketiniz yarın öğleden sonra teslim edilecektir."',
    "translate to italian: I'm allergic to nuts, does this dessert contain any?",
    "Translate from Arabic to English:\n"
    "«المكتبة مفتوحة من الساعة التاسعة صباحًا حتى الخامسة مساءً، ما عدا يوم الجمعة.»",
    'इसका अंग्रेज़ी में अनुवाद कर दीजिए: "कल भारी बारिश की वजह से स्कूल बंद रहेगा।"',
    'Translate into Brazilian Portuguese for our order confirmation email: "Your order has shipped '
    'and should arrive in 3 to 5 business days. You can track it using the link below."',
    'Dịch sang tiếng Anh giúp mình với: "Quán phở này mở cửa từ sáu giờ sáng và thường hết hàng trước '
    'buổi trưa."',
    "Greek → English, please:\nΟ γιατρός είπε να παίρνω το φάρμακο δύο φορές την ημέρα μετά το φαγητό.",
    'How would you say "Welcome, please come in and sit down" in Swahili?',
    'Tolong terjemahkan ke bahasa Inggris: "Rapat hari Senin dipindahkan ke hari Selasa pukul sepuluh pagi."',
    "Translate these lines from German, one per line:\n\n"
    "- Der Kühlschrank macht seit gestern komische Geräusche.\n"
    "- Kannst du mir das Salz reichen?\n"
    "- Wir haben uns im Urlaub verlaufen und sind erst um Mitternacht angekommen.",
    'How would a French speaker say "it\'s raining cats and dogs"? Translate it naturally, not word '
    "for word.",
    'Co znamená tahle věta anglicky? "Na nádraží jsem čekal dvě hodiny, protože vlak měl zpoždění."',
    "Finnish→English: Sauna on lämmin kahdeksalta, tuo oma pyyhe.",
    "translate hungarian to english: Elnézést, hol van a legközelebbi gyógyszertár?",
    "Traduceți în engleză, vă rog: „Vă rugăm să păstrați liniștea în sala de lectură.”",
    "Перекладіть англійською: «Завтра ми їдемо до бабусі в село на все літо.»",
    'תרגם לאנגלית: "החנות סגורה היום בגלל החג."',
    "Translate this product description into Spanish for our online shop:\n\n"
    '"Handmade ceramic mug, 350 ml. Dishwasher and microwave safe. Each piece is glazed by hand, so '
    'colours may vary slightly from the photo."',
    'I need this in German, formal (Sie): "Dear Ms Albrecht, thank you for your quick reply. I am '
    'happy to accept the position and can start on 1 March."',
    '이 문장 영어로 번역해 주세요: "주말에 친구들과 한강 공원에서 라면을 먹었어요."',
    "Hi! Could you translate this message from my Japanese host family into English?\n\n"
    "来週の土曜日に家族でお花見に行きます。もしよかったら、一緒に行きませんか？お弁当はこちらで用意しま"
    "す。",
    'can u translate this sign i saw in montreal: "Stationnement interdit de 7 h à 9 h, du lundi au '
    'vendredi. Remorquage à vos frais."',
    '请把下面的英文翻译成中文："Please remove your shoes before entering the temple."',
    'Hvad betyder det på engelsk? "Vi ses i morgen ved frokosttid."',
    "Norwegian → English: «Hytta ligger ved vannet, og det er ikke strøm, så ta med lommelykt.»",
    'Translate to English and keep the formal legal tone: "El arrendatario se compromete a devolver '
    'el inmueble en las mismas condiciones en que lo recibió, salvo el desgaste normal por el uso."',
    'translate my tweet into french pls: "finally finished my first marathon!! 4h12, legs are dead '
    'but heart is full"',
    'Pakisalin sa Ingles: "Magandang umaga po! Saan po ang palengke dito?"',
    "Catalan→English: Demà farem una calçotada a casa dels avis. Vindràs?",
    "Translate this dialogue into English, keeping it casual:\n\n"
    "A: Hast du den Schlüssel gesehen?\n"
    "B: Der liegt auf dem Kühlschrank, wie immer.\n"
    "A: Ach, natürlich. Danke!",
    "Could you translate \"Happy birthday, Grandma! We miss you and can't wait to see you in the "
    'summer." into Russian?',
    'Translate into Arabic please: "The clinic is closed on Fridays. In an emergency, call the number '
    'below."',
    "What's the English for this? I'd like it to sound a bit literary.\n\n"
    '"Sul muro del cortile crescono i capperi, e nessuno sa chi li abbia piantati."',
    "Fill in the English column:\n\n"
    "| FR | EN |\n"
    "|---|---|\n"
    "| Prière de ne pas déranger | |\n"
    "| Sortie de secours | |\n"
    "| Défense de fumer | |\n"
    "| Attention à la marche | |",
]

# ------------------------------------------------------------------------- summarization

SUMMARIZATION: list[str] = [
    "Can you summarise this article in 3-4 sentences for our neighbourhood newsletter?\n\n" + SPEED_LIMIT,
    THERMOSTAT + "\n\n"
    "---\n"
    "my dad is not techy at all. boil this down to the 4-5 things he actually needs to know pls",
    "I'm about to sign a tenancy agreement and these two clauses are giving me a headache. Please give "
    "me a plain-English summary, no legal jargon.\n\n" + SUBLET_CLAUSE,
    "TL;DR?\n\n" + STIPEND_EMAIL,
    "Summarize the decisions and action items from these committee minutes as a bulleted list (who "
    "does what).\n\n" + GARDEN_MINUTES,
    KHACHAPURI + "\n\n"
    "Condense this recipe into a short paragraph I can text to my sister. She's an experienced cook, "
    "so skip the obvious stuff.",
    "Write a two-sentence lay summary of the following abstract for our weekly science news "
    "roundup.\n\n" + SALT_ABSTRACT,
    "Give me the short version of this thread: the problem and the final fix, in a few lines.\n\n"
    + PRINTER_THREAD,
    "Please provide a concise summary (maximum 80 words) of the text below.\n\n"
    "Text:\n"
    '"""\n' + AXOLOTL + "\n"
    '"""',
    "Summarize these API docs as a short checklist for our backend devs.\n\n"
    "```markdown\n" + RATE_LIMITS + "\n"
    "```",
    "hey can u summarize this for me, im thinking of freezing my membership and i dont want to read "
    "all of it\n\n" + CLIMBING_GYM_TERMS,
    PIPE_NOTICE + "\n\nJust give me the gist of this notice in two sentences.",
    "Turn these retro notes into a short summary paragraph for our engineering manager, who couldn't "
    "attend.\n\n" + RETRO_NOTES,
    "Could you summarise the main points of this guide? I'm a complete beginner baker.\n\n" + SOURDOUGH,
    "Summarize in one tweet (under 280 characters):\n\n" + CO2_ABSTRACT,
    AQUARIUM_THREAD + "\n\nsum this up in a few bullet points pls, I think I have the same problem lol",
    "Write a brief summary of this news story.\n\n" + RECOUNT_NEWS,
    "Please make a short summary of this maintenance section as a small table (part | how often | what "
    "to do). Keep it brief.\n\n" + ROBOT_VACUUM,
    "I'm scripting a short audio guide for our museum. Summarize this gallery panel in about 60 "
    "words.\n\n" + EBRU,
    "Executive summary please, max 3 bullets (what happened / why / what we're changing):\n\n"
    + DNS_POSTMORTEM,
    HUT_HIKE + "\n\n"
    "Can you give me a summary of this? Thinking about doing the trek next summer with my brother.",
    "Summarise what this section of my travel insurance covers and what it excludes, in simple "
    "words.\n\n" + TRAVEL_INSURANCE,
    "Summarize:\n\n" + COFFEE_POD,
    "My neighbour forwarded me this planning decision. Please give me a short summary of it.\n\n"
    + HEDGE_RULING,
    "Kindly summarise the abstract below in plain language for a high-school student.\n\n" + TARDIGRADES,
    "Summarize this transcript segment in a short paragraph for the episode's show notes.\n\n"
    + CROWS_PODCAST,
    GO_HISTORY + "\n\n^ summarize in 5 bullet points",
    "This is a letter my great-grandmother wrote to her sister (my aunt translated it from Portuguese "
    "years ago). Can you write a short summary of it for our family history booklet? A few sentences "
    "is enough.\n\n" + EMIGRATION_LETTER,
    "## Task\nSummarize this policy for first-year students in under 100 words.\n\n## Policy\n" + AI_POLICY,
    "Summarise this support chat for the case notes: one short paragraph, including what was "
    "agreed.\n\n" + SOFA_CHAT,
    "short summary of this match report pls\n\n" + FRISBEE_REPORT,
    "Please make summary of this text in 3 sentences. It is for my English class presentation. Thank "
    "you!\n\n" + ANNING,
    "Could you condense this bulletin into the key points for our allotment WhatsApp group? Keep it "
    "short.\n\n" + BLIGHT_BULLETIN,
    QUILLNOTE_RELEASE + "\n\nSummarize the release notes above in one paragraph for our internal newsletter.",
    "Summarize what these search results say, in one paragraph.\n\n" + TAMBORA,
    "Summarize these rules so I can explain the game to my friends in two minutes before we start "
    "playing.\n\n" + SNOWBOUND_RULES,
    "Please summarize this patient leaflet. Bullet points, keep it short.\n\n" + AMOXICILLIN_LEAFLET,
    "summarise this job ad in a few lines, is it worth applying for someone with 3 yrs QGIS?\n\n" + HER_JOB,
    "My elderly mum got this notice through the door. Summarise it so she understands what it means "
    "for her.\n\n" + PARKING_NOTICE,
    "Write a one-paragraph summary of this passage from my novel draft, the way a reader would retell "
    "it.\n\n" + NOVEL_EXCERPT,
    "I missed lecture 9. Can someone summarize these notes in a short paragraph?\n\n" + RENT_CONTROL_NOTES,
    JET_LAG + "\n\nSummarise the article above in 3 sentences.",
    "Summarize the differences between the three processes described here. Be brief.\n\n" + COFFEE_PROCESSING,
    "Précis please: 50 words, neutral tone.\n\n" + BRUTALISM,
    "Summarize the following documents into a single short paragraph.\n\n" + WHISTLED_LANGUAGES,
    "sum up this article in 2-3 lines:\n\n" + BEAVERS,
    "Summarise thsi listing, just the key facts pls (rent, size, rules).\n\n" + FLAT_LISTING,
    "Summarize this GitHub issue discussion, including the final decision.\n\n" + PY38_THREAD,
    "Give me a summary of these three sources about the manuscript.\n\n" + VOYNICH,
    "My 19-year-old sent me this article. Could you summarise it in about 5 bullet points?\n\n" + INDEX_FUNDS,
]

# ------------------------------------------------------------------------------------ qa

QA: list[str] = [
    "What is the melting point of gallium in degrees Celsius?",
    "Q: How many bones are there in an adult human skeleton?",
    "Which organ filters the blood to make urine?",
    "What is the deepest lake in the world?",
    "Which bird lays the largest eggs of any living bird?",
    "In which country is the city of Timbuktu?",
    "Who was the first emperor of Rome?",
    "What is the longest river in South America?",
    "Which country has the most time zones, counting overseas territories?",
    "How many strings does a cello have?",
    "Quick one for a pub quiz: which is the only letter that doesn't appear in any US state name?",
    "How many sides does a dodecagon have?",
    "In what year did the Berlin Wall come down?",
    "What is the largest island in the Mediterranean Sea?",
    "Which gas makes up most of the Earth's atmosphere?",
    "what is the tallest waterfall in the world",
    "Who led the Bolshevik revolution of October 1917?",
    "How many squares are there on a chessboard?",
    "In which ocean is the Mariana Trench?",
    "Who is the author of The Tale of Genji?",
    "Please, what is the hardest natural mineral?",
    "name of the longest bone in the human body?",
    "Roughly how fast does light travel in a vacuum, in km per second?",
    "Which city hosted the 1992 Summer Olympics?",
    "Who was the Egyptian queen who allied herself with Mark Antony?",
    "What was the name of the ship on which Charles Darwin sailed around the world?",
    "How many keys does a standard piano have?",
    "In which country is Angkor Wat located?",
    "How many compartments does a cow's stomach have?",
    "Which country has the longest coastline in the world?",
    "In what year did the Chernobyl nuclear disaster happen?",
    "Which blood type is known as the universal donor?",
    "Who was the Greek goddess of wisdom?",
    "Which river flows through Budapest?",
    "Who wrote Things Fall Apart?",
    "Which bird is the fastest animal in the world when diving?",
    "In which Spanish city is the Alhambra?",
    "Which astronomer formulated the three laws of planetary motion?",
    "Which language has the most native speakers in the world?",
    "When was Magna Carta sealed?",
    "What is the SI unit of electrical resistance?",
    "one word answer: what's the largest organ of the human body",
    "who was the first person to reach the south pole",
    "What language is mainly spoken in Iran?",
    "what does a seismograph measure",
    "What is 0 degrees Celsius in kelvin?",
    "Which chess piece can only move diagonally?",
    "what language do they speak in brazil",
    "Which engineer's company designed and built the Eiffel Tower?",
    "Which metal has the highest electrical conductivity?",
]

# ------------------------------------------------------------------------ math_reasoning

MATH_REASONING: list[str] = [
    "At the market, Ishani buys 2 kg of cherries at $6.50 per kg and a bunch of flowers for $4.75. She "
    "pays with a $20 note. What does she get back?",
    "A bakery makes 144 croissants in the morning. By noon they have sold 5/8 of them. How many "
    "croissants are left?",
    "my daughter's homework, I can't remember how to do these: A delivery van covers 210 km in 3 "
    "hours. At the same speed, how far will it go in 5 hours?",
    "Mateo reads 18 pages a night. His book has 342 pages. How many nights will it take him to finish it?",
    "A picture frame measures 40 cm by 30 cm on the outside, and the wooden border is 5 cm wide all "
    "the way round. What is the area of the picture inside the frame?",
    "There are 28 students in a class. 3/4 of them have a pet. Of the students with pets, half have a "
    "dog. How many students have a dog?",
    "Solve step by step: Xiulan saved $15 a week for 12 weeks. She spent a third of her savings on a "
    "jacket. How much money does she have left?",
    "A youth choir is travelling to a competition. Each singer pays $23 for the entry and meals, and "
    "the $180 coach hire is split equally among the 30 singers. How much does each singer pay in total?",
    "Oluwaseun has 3 times as many stamps as his sister. If he gives her 20 stamps, they will both "
    "have the same number. How many stamps does each of them have now?",
    "A recipe uses 250 g of flour for 12 muffins. How much flour do you need for 30 muffins?",
    "A shop sells juice in packs of 6 bottles for $4.50 or single bottles for $0.90. How much do you "
    "save by buying 2 packs instead of 12 single bottles?",
    "The temperature at 6 a.m. was −4 °C. By 2 p.m. it had risen by 11 degrees, and by 10 p.m. it had "
    "fallen by 6 degrees. What was the temperature at 10 p.m.?",
    "A workshop makes stools with 3 legs and chairs with 4 legs. Last week it made 30 pieces of "
    "furniture with 104 legs in total. How many chairs did it make?",
    "Lena's phone battery is at 80%. It loses 6% every hour while she uses it. After how many hours "
    "will it be at 20%?",
    "A lift can carry at most 630 kg. Eight people with an average weight of 72 kg get in. How many "
    "more kilograms could the lift still take?",
    "Question: Karim walks to school at 5 km/h and it takes him 24 minutes. How far is his school in km?",
    "A jacket costs $80. It's on sale for 25% off, and then there's an extra 10% off the sale price at "
    "checkout. What's the final price?",
    "Three friends rent a holiday cottage for 4 nights at $135 a night, plus a $60 cleaning fee. If "
    "they split the cost equally, how much does each of them pay?",
    "In a library, there are 3 times as many fiction books as non-fiction books. There are 2,400 books "
    "in total. How many are fiction?",
    "Kwabena plants 6 rows of tomato seedlings with 14 plants in each row. A storm destroys 17 plants. "
    "How many are left?",
    "Hi! Can you help with this one: charging an electric scooter fully uses 1.8 kWh, and electricity "
    "costs $0.24 per kWh. If Kemal charges it 5 times a week, how much does charging cost him over 4 "
    "weeks?",
    "In a badminton club the ratio of juniors to adults is 5:3, and there are 12 more juniors than "
    "adults. How many members does the club have?",
    "A cinema has 18 rows with 24 seats each. On Friday evening 75% of the seats were sold. How many "
    "seats were empty?",
    "Matteo works 7.5 hours a day, 5 days a week, and earns $16 an hour. How much does he earn in 4 weeks?",
    "A fruit punch is made by mixing orange juice, pineapple juice and sparkling water in the ratio "
    "2:3:5. How much pineapple juice is in 4 litres of punch?",
    "Isabella walks 4.2 km in the morning and three times as far in the afternoon. How far does she "
    "walk altogether?",
    "A bus leaves at 7:45 and the journey takes 1 hour 50 minutes. What time does it arrive?",
    "A library owns 120 board games. On Saturday 15% of them were borrowed, and on Sunday another 18. "
    "How many games were still on the shelves?",
    "pls explain step by step. a bike shop... no wait, a flower shop sold 45 bouquets on monday, twice "
    "as many on tuesday, and 20 fewer on wednesday than on tuesday. how many bouquets did it sell over "
    "the three days?",
    "A carpenter uses 5 screws for every 2 shelves he puts up. How many screws does he need for 14 shelves?",
    "A painter can paint a fence in 6 hours. His apprentice can paint the same fence in 12 hours. How "
    "long will it take them if they work together?",
    "A hot-air balloon rises at a steady 2.5 metres per second. How high is it after 3 minutes?",
    "Idris has $2.15 in dimes and quarters. He has 4 more dimes than quarters. How many quarters does "
    "he have?",
    "A straight fence is 48 m long, with a post every 3 m, including one at each end. How many posts "
    "are there?",
    "Sven runs 3 laps of a 400 m track every morning from Monday to Friday. How many kilometres does "
    "he run in a week?",
    "A packet of seeds costs $1.80. Elif wants 15 packets, and the shop gives 1 free packet for every "
    "4 bought. How many packets must she pay for, and how much does it cost?",
    "If 5 pencils cost $1.35, how much do 12 pencils cost?",
    "A swimming pool is 25 m long. Nadine swims 1.5 km. How many lengths does she swim?",
    "A shirt costs $4 more than a cap. Together they cost $30. How much does the cap cost?",
    "Grandpa is 72. He is 8 times as old as his granddaughter was 3 years ago. How old is his "
    "granddaughter now?",
    "A sheet of stamps has 8 rows of 12 stamps. Gitte uses 35 stamps on her wedding invitations. How "
    "many stamps are left on the sheet?",
    "Word problem: Maëlle's class raised $356 at a bake sale and $248 at a car wash. They need $750 "
    "for a trip. How much more do they need to raise?",
    "A tap drips 1 drop every 2 seconds, and 20 drops make 1 ml. How many millilitres does it waste in "
    "one day?",
    "Aarav's rent went up from $950 to $1,026 a month. By what percentage did it increase?",
    "A rope 7.5 m long is cut into pieces of 45 cm. How many pieces are there, and how much rope is "
    "left over?",
    "A school orders 9 boxes of 36 pencils and 4 boxes of 50 erasers. How many items is that in total?",
    "There are 5 red, 7 blue and 8 yellow balls in a bag. If you pick one without looking, what is the "
    "probability it is not blue?",
    "A plant was 14 cm tall. It grew 2.5 cm every week for 6 weeks. How tall is it now?",
    "Mrs Osei bought 3 kg of apples at $2.20 per kg and 2 kg of pears at $2.75 per kg. How much did "
    "she spend in total?",
    "Two trains leave stations 300 km apart at the same time, heading towards each other at 70 km/h "
    "and 80 km/h. After how long do they meet?",
]

# ----------------------------------------------------------------------------------- rag

RAG: list[str] = [
    SPEED_LIMIT + "\n\n"
    "Based on the article above, when does the new limit start, and which roads will keep their "
    "current limits?",
    "Using the manual excerpt below, answer: what temperature does Eco mode hold by default, and when "
    "does it switch off?\n\n" + THERMOSTAT,
    "Contract excerpt:\n\n" + SUBLET_CLAUSE + "\n\n"
    "Question: how much notice do I have to give before subletting my spare room, and am I allowed to "
    "list it on a holiday-rental site for a couple of weekends?",
    STIPEND_EMAIL + "\n\n"
    "I'm an intern and I work from home three days a week. Am I eligible for the €600 allowance? "
    "Answer from the email only.",
    GARDEN_MINUTES + "\n\nwho is buying the new shed lock and which kind did they go for?",
    KHACHAPURI + "\n\nhow long do i put it back in the oven after adding the yolk??",
    "Read the abstract and answer the question.\n\n" + SALT_ABSTRACT + "\n\n"
    "Q: Which type of salt contained the fewest microplastic particles?",
    PRINTER_THREAD + "\n\n"
    "According to this thread, what was causing the corners to lift on only one side of the print?",
    "Context:\n" + AXOLOTL + "\n\n"
    "Question: Where do wild axolotls live today, and what are the main threats to them?\n"
    "Answer:",
    "You are a developer support assistant. Answer the user's question using only the documentation "
    "below.\n\n"
    "<documentation>\n" + RATE_LIMITS + "\n"
    "</documentation>\n\n"
    "User: if my production key gets a 429 on POST /labels, is it safe to retry? and what's the prod "
    "limit for that endpoint?",
    CLIMBING_GYM_TERMS + "\n\n"
    "I'm on a 12-month plan and I'm moving 40 miles away for work. Can I cancel early? Use only this "
    "text.",
    PIPE_NOTICE + "\n\nI live in flat 12. When exactly will I be without water?",
    RETRO_NOTES + "\n\n"
    "From these notes: why was staging down, and what was agreed to stop it happening again?",
    SOURDOUGH + "\n\n"
    "According to the guide, what does it mean if my starter has pink streaks, and what should I do?",
    CO2_ABSTRACT + "\n\n"
    "Did better ventilation improve reading comprehension in this study? Answer yes or no and quote "
    "the sentence that says so.",
    AQUARIUM_THREAD + "\n\n"
    "Per the thread, how long does a tank usually take to cycle with fish in, and how can it be sped "
    "up?",
    "### Retrieved article\n" + RECOUNT_NEWS + "\n\n"
    "### Question\n"
    "By how many votes did Estévez lead on election night, and why did the margin change in the "
    "recount?",
    "Manual:\n" + ROBOT_VACUUM + "\ncan I wash the HEPA filter under the tap? what does the manual say",
    EBRU + "\n\nWhat is kitre, according to the panel?",
    DNS_POSTMORTEM + "\n\n"
    "In the review above, why did the on-call engineer roll back the login page, and did it help?",
    HUT_HIKE + "\n\n"
    "How much does one night in a hut with half board cost, and what do I have to bring to sleep in?",
    "Policy wording:\n\n" + TRAVEL_INSURANCE + "\n\n"
    "My grandfather (he's not coming on the trip) has been taken to hospital and I may have to cancel. "
    "Would that be covered, and what paperwork would you need from me?",
    "Answer from the press release: what is the pod's shell made of?\n\n" + COFFEE_POD,
    HEDGE_RULING + "\n\n"
    "To what height must the hedge be cut under the varied notice, and what is the maximum height "
    "after that?",
    TARDIGRADES + "\n\n"
    "What happened to the tardigrades' survival after drying when the three CAHS genes were knocked "
    "down?",
    CROWS_PODCAST + "\n\n"
    "In the experiment they describe, how did the crows react to people wearing the neutral mask?",
    "Reference text:\n" + GO_HISTORY + "\n"
    "Using the reference text, who did AlphaGo beat in March 2016, and what was the score?",
    EMIGRATION_LETTER + "\n\nWhat was the name of the ship, and how many days did the crossing take?",
    AI_POLICY + "\n\n"
    "My essay brief doesn't mention any AI category. Am I allowed to use a chatbot just to check my "
    "grammar? Please answer based on the guidance above.",
    SOFA_CHAT + "\n\nWhen is the replacement being delivered, and how much money was refunded?",
    FRISBEE_REPORT + "\n\nwho caught the winning point?",
    "Hello, please answer my question with the text. What did Mary Anning find in 1823?\n\n" + ANNING,
    BLIGHT_BULLETIN + "\n\n"
    "What weather conditions does the fungus need to infect plants, according to the bulletin?",
    QUILLNOTE_RELEASE + "\n\ndoes 4.2 still run on macOS Big Sur?",
    TAMBORA + "\n\n"
    "Using the results above: which famous novel was begun during the summer of 1816, and where was "
    "its author staying?",
    SNOWBOUND_RULES + "\n\n"
    "Rules question: how many parcels can one courier carry, and what happens when a tile would get "
    "its second drift token?",
    AMOXICILLIN_LEAFLET + "\n\n"
    "I forgot a dose and my next one is due in 3 hours. What does the leaflet say I should do?",
    HER_JOB + "\n\nWhat's the salary range for this job, and when is the application deadline?",
    PARKING_NOTICE + "\n\nHow much does a second residents' permit cost in Zone K?",
    NOVEL_EXCERPT + "\n\nIn this passage, where was the key kept, and what time did the kitchen clock show?",
    RENT_CONTROL_NOTES + "\n\nAccording to these notes, when is a price ceiling binding?",
    "Answer the question using the article.\n\n"
    "Article:\n" + JET_LAG + "\n"
    "Question: I'm flying from Vienna to Seoul. According to the article, when should I get bright "
    "light after I arrive, and is melatonin worth trying?",
    COFFEE_PROCESSING + "\n\nWhy is the honey process called that? Does it involve actual honey?",
    BRUTALISM + "\n\nWhere does the name Brutalism come from? Answer in one sentence using the passage.",
    WHISTLED_LANGUAGES + "\n\nSince when has Silbo Gomero been a compulsory school subject on La Gomera?",
    BEAVERS + "\n\n"
    "By how much did peak flow fall during the biggest storms, according to the monitoring team?",
    FLAT_LISTING + "\n\nAre pets allowed in this flat, and is there an extra deposit for them?",
    PY38_THREAD + "\n\nWhich release drops Python 3.8, and for how long will 2.6.x get security fixes?",
    'Answer only from the sources below. If they don\'t say, write "not stated".\n\n' + VOYNICH + "\n"
    "Question: How old is the vellum according to the radiocarbon tests, and do the tests date the ink "
    "as well?",
    INDEX_FUNDS + "\n\n"
    "What share of actively managed US large-company funds did worse than the S&P 500 over 15 years?",
]

# ------------------------------------------------------------------------------ mt_bench

MT_BENCH: list[str] = [
    "Write a short, funny poem about a houseplant that is convinced it is being neglected, even though "
    "it gets watered every Sunday.",
    "Draft a polite but firm email to a contractor who has missed two agreed start dates for "
    "renovating our bathroom. I want a confirmed start date by Friday, otherwise we'll hire someone "
    "else.",
    "Write the opening paragraph of a mystery novel set on a sleeper train crossing the Alps in the "
    "middle of a snowstorm.",
    "Write a short welcome address for the opening of our town's new skate park. The deputy mayor will "
    "read it out, so it should take about a minute, and it should thank the teenagers who campaigned "
    "for it for three years.",
    "Compose a product description of around 120 words for a handmade leather notebook cover that I'm "
    "selling online. Make it sound cosy rather than luxurious.",
    "Rewrite this paragraph so it sounds concise and professional:\n\n"
    '"So basically what happened was the numbers for Q3 came in kind of low, mostly because two big '
    "clients pushed their orders, but we think it'll probably bounce back next quarter if nothing "
    'weird happens."',
    "Write a six-word story about moving to a new country, then explain in two sentences why you chose "
    "those words.",
    "User: Write a rhyming couplet about a cat who hates Mondays.\n\n"
    "Assistant: Lenore the cat, when Monday came around,\n"
    "would hide beneath the bed and not be found.\n\n"
    "User: Love it. Now write four more lines in which she discovers that she adores Fridays.",
    "Pretend you're a grumpy innkeeper in a small fantasy village. I walk in soaked from the rain and "
    "ask for a room for the night. Stay in character!",
    "Act as a medieval town crier and announce today's news from our office: it's Ayesha's birthday, "
    "the coffee machine is broken again, and Friday drinks are moved to Thursday. Ring your bell first.",
    "You are Marie Curie giving a short talk to a class of schoolchildren in 1920 about why science "
    "matters. Speak in the first person.",
    "let's roleplay: you're the night receptionist at a hotel and I'm a guest whose key card stopped "
    "working at 2 am. i'm tired and a bit annoyed. go",
    "Imagine you are a friendly sommelier and I know nothing about wine. Recommend a wine to go with "
    "grilled salmon and explain your choice without jargon.",
    "[user]: You're a pirate captain. Introduce yourself to your new crew.\n"
    "[assistant]: Arr, gather round, ye barnacle-brained lot! I be Captain Morwenna Blackwake, terror "
    "of the southern trade winds, and from this day ye sail under my flag.\n"
    "[user]: One of the new sailors asks why they should trust you. Answer him, still in character.",
    "Be a Socratic tutor. I believe that heavier objects always fall faster than lighter ones. Don't "
    "just tell me the answer; ask me questions that help me work it out.",
    "You have two fuses. Each burns for exactly 60 minutes, but unevenly, so half a fuse does not "
    "necessarily burn in 30 minutes. With a lighter and these two fuses, how can you measure exactly "
    "45 minutes?",
    "Odette, Pavel and Rosa each own exactly one pet: a cat, a dog or a parrot. Odette is allergic to "
    "fur. Pavel's pet can't fly. Rosa doesn't own the dog. Who owns which pet? Explain your reasoning.",
    "A man looks at a portrait and says: \"Brothers and sisters I have none, but that man's father is "
    "my father's son.\" Who is in the portrait? Walk me through it.",
    "You have a 3-litre jug, a 5-litre jug and an unlimited supply of water. How can you measure "
    "exactly 4 litres?",
    'Is this argument valid? "If it rains, the match is cancelled. The match was cancelled. '
    'Therefore, it rained." If not, name the fallacy and give an example that shows why.',
    "Which is heavier, a kilogram of feathers or a kilogram of steel? And why do so many people get "
    "this wrong at first?",
    "Four houses stand in a row, painted red, blue, green and yellow. Reading from left to right, the "
    "red house is at the left end. The blue house is directly to the right of the green one. The "
    "yellow house is not next to the red house. What is the order of the houses?",
    "Puzzle: a farmer needs to take a wolf, a goat and a cabbage across a river. The boat can carry "
    "him and only one of them. If left alone, the wolf eats the goat and the goat eats the cabbage. "
    "How does he do it? Then tell me: what's the minimum number of crossings?",
    "Write a Python function is_valid_ipv4(s) that returns True for a valid dotted-quad IPv4 address "
    "and False otherwise, without regular expressions. Include a few test cases.",
    "What's the difference between let, const and var in JavaScript? Show a short example where using "
    "var causes a bug.",
    "This query is returning duplicate customers and I can't figure out why:\n\n"
    "```sql\n"
    "SELECT c.name, o.total\n"
    "FROM customers c\n"
    "JOIN orders o ON o.customer_id = c.id\n"
    "WHERE o.total > 100;\n"
    "```\n\n"
    "I want each customer once, with their biggest order. How do I fix it?",
    "Implement a binary min-heap in Go from scratch, with Push, Pop and Peek methods, and give the "
    "time complexity of each.",
    "can you review this and tell me whats wrong? it crashes sometimes\n\n"
    "```python\n"
    "def average(xs):\n"
    "    total = 0\n"
    "    for x in xs:\n"
    "        total += x\n"
    "    return total / len(xs)\n"
    "```",
    "Write a short Python script that reads a CSV of expenses (columns: date, category, amount) and "
    "prints the total for each category, sorted from highest to lowest.",
    "Explain recursion to a complete beginner using a real-world analogy, then show a recursive "
    "JavaScript function that computes a factorial.",
    "### User\n"
    "Write a Rust function that reverses the order of the words in a sentence.\n\n"
    "### Assistant\n"
    "```rust\n"
    "fn reverse_words(s: &str) -> String {\n"
    '    s.split_whitespace().rev().collect::<Vec<_>>().join(" ")\n'
    "}\n"
    "```\n\n"
    "### User\n"
    "Nice. Now change it so that the punctuation mark at the end of the sentence stays at the end.",
    "Extract all the dates and amounts of money from this text and give them back as a JSON object "
    'with the keys "dates" and "amounts":\n\n'
    '"On 3 May we paid a deposit of $400. The balance of $1,150 is due by 17 June, and a late fee of '
    '$35 applies after 1 July."',
    "From these reviews, pull out the product, the star rating and the main complaint, as a table:\n\n"
    '1. "Kettle works fine but the lid is stiff. 4/5"\n'
    '2. "The blender is SO loud. Smoothies are great though. Three stars."\n'
    '3. "Toaster burnt one side every time. Returned it. 1 star"',
    'Identify the people, organisations and places in this sentence: "After meeting officials from '
    "the World Health Organization in Geneva, Dr Ama Boateng flew to Accra to open a new children's "
    'clinic."',
    "Turn this messy note into a clean to-do list with due dates (today is Monday 10 March):\n\n"
    "call plumber tmrw, dentist thurs 3pm, pay council tax by end of month, buy gift for tom (bday "
    "sat!!), return library books",
    "Classify each headline as positive, negative or neutral:\n"
    "- Local bakery wins national award\n"
    "- Factory closure puts 300 jobs at risk\n"
    "- Council publishes updated bin collection calendar\n"
    "- Rescued puppies find new homes\n"
    "- Heavy fog expected on the motorway tonight",
    "Parse this address into JSON with the fields street, city, postcode and country: 221 Rue des "
    "Lilas, 31000 Toulouse, France",
    "How does a pressure cooker cook food so much faster than an ordinary pot? Explain the physics.",
    "Why do we have leap years? Explain the rule for which years are leap years, including the century "
    "exception, and where it comes from.",
    "What's the difference between a virus and a bacterium, and why don't antibiotics work against viruses?",
    "Explain the Doppler effect with an everyday example, and then explain how astronomers use it to "
    "tell that distant galaxies are moving away from us.",
    "In simple terms, how does public-key cryptography let two strangers communicate securely over the "
    "internet?",
    "Me: why do we see lightning before we hear the thunder?\n"
    "You: Because light travels about a million times faster than sound, so the flash reaches you "
    "almost instantly while the sound takes a few seconds.\n"
    "Me: ok so how do I use that to work out how far away the storm is? and is it true that lightning "
    "never strikes the same place twice?",
    "Compare the main causes of the French Revolution and the American Revolution in about 300 words.",
    "Why did the Hanseatic League become so powerful in medieval northern Europe, and why did it decline?",
    "What is the trolley problem, and what is it supposed to show about our moral intuitions? Mention "
    "at least one variation of it.",
    "What is magical realism in literature? Name two novels that are usually described that way and "
    "explain what makes them magical realist.",
    "Was the Industrial Revolution good for ordinary workers in Britain? Present the strongest "
    "arguments on both sides in about 250 words, then give your own view.",
    "Explain why the Meiji Restoration was such a turning point for Japan. What changed in politics, "
    "the economy and everyday life?",
    "User: Who was Confucius?\n"
    "Assistant: Confucius (551–479 BC) was a Chinese teacher and thinker whose sayings, collected by "
    "his followers in the Analects, stress respect for family, proper conduct, and rulers who govern "
    "by moral example.\n"
    "User: Which of his ideas can still be seen in everyday life in East Asia today? Give three "
    "examples.",
]

# ---------------------------------------------------------------- ood: no request at all

OOD: list[str] = [
    '10.20.7.31 - - [14/Mar/2025:09:12:01 +0100] "GET /menu/weekly HTTP/1.1" 200 5123 "-" '
    '"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0"\n'
    '10.20.7.31 - - [14/Mar/2025:09:12:01 +0100] "GET /menu/weekly.css HTTP/1.1" 200 18320 '
    '"https://canteen.internal/menu/weekly" "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) '
    'Gecko/20100101 Firefox/123.0"\n'
    '10.20.9.4 - - [14/Mar/2025:09:12:04 +0100] "POST /xmlrpc.php HTTP/1.1" 404 162 "-" '
    '"Go-http-client/1.1"\n'
    '10.20.9.4 - - [14/Mar/2025:09:12:04 +0100] "GET /phpmyadmin/ HTTP/1.1" 404 162 "-" '
    '"Go-http-client/1.1"\n'
    '10.20.3.188 - - [14/Mar/2025:09:12:09 +0100] "GET /img/logo.svg HTTP/2.0" 304 0 '
    '"https://example.org/" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)"',
    "Traceback (most recent call last):\n"
    '  File "/home/lea/invoicer/monthly.py", line 88, in <module>\n'
    "    main()\n"
    '  File "/home/lea/invoicer/monthly.py", line 81, in main\n'
    "    process_batch(load_batch(args.path))\n"
    '  File "/home/lea/invoicer/monthly.py", line 52, in process_batch\n'
    '    totals[row["region"]] += row["amount"]\n'
    "KeyError: 'region'",
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: thumbnailer\n"
    "  labels:\n"
    "    app: thumbnailer\n"
    "spec:\n"
    "  replicas: 3\n"
    "  selector:\n"
    "    matchLabels:\n"
    "      app: thumbnailer\n"
    "  template:\n"
    "    metadata:\n"
    "      labels:\n"
    "        app: thumbnailer\n"
    "    spec:\n"
    "      containers:\n"
    "        - name: thumbnailer\n"
    "          image: registry.example.com/thumbnailer:1.8.2\n"
    "          ports:\n"
    "            - containerPort: 8080\n"
    "          resources:\n"
    "            limits:\n"
    '              memory: "512Mi"\n'
    '              cpu: "500m"',
    "{\n"
    '  "status": "ok",\n'
    '  "page": 2,\n'
    '  "per_page": 3,\n'
    '  "results": [\n'
    '    {"id": 4411, "sku": "MUG-350-BLU", "stock": 17, "price": 14.5},\n'
    '    {"id": 4412, "sku": "MUG-350-GRN", "stock": 0, "price": 14.5},\n'
    '    {"id": 4419, "sku": "BOWL-18-WHT", "stock": 42, "price": 22.0}\n'
    "  ],\n"
    '  "next": "/v1/products?page=3"\n'
    "}",
    "timestamp,sensor_id,temp_c,humidity_pct,co2_ppm\n"
    "2025-01-08T07:00:00Z,B2-114,19.4,41,612\n"
    "2025-01-08T07:05:00Z,B2-114,19.6,41,655\n"
    "2025-01-08T07:10:00Z,B2-114,19.9,42,731\n"
    "2025-01-08T07:15:00Z,B2-114,20.3,43,902\n"
    "2025-01-08T07:20:00Z,B2-114,20.6,44,1118\n"
    "2025-01-08T07:25:00Z,B2-114,20.8,44,1240",
    "diff --git a/src/parser.c b/src/parser.c\n"
    "index 3f2a1c9..8b7e0d4 100644\n"
    "--- a/src/parser.c\n"
    "+++ b/src/parser.c\n"
    "@@ -112,7 +112,9 @@ static int read_header(FILE *fp, header_t *h)\n"
    " {\n"
    "     char buf[64];\n"
    "-    if (fread(buf, 1, sizeof buf, fp) != sizeof buf)\n"
    "+    size_t n = fread(buf, 1, sizeof buf, fp);\n"
    "+    if (n != sizeof buf) {\n"
    "+        h->truncated = 1;\n"
    "         return -1;\n"
    "+    }\n"
    "     memcpy(h->magic, buf, 4);",
    "FROM python:3.12-slim AS build\n"
    "WORKDIR /app\n"
    "COPY requirements.txt .\n"
    "RUN pip install --no-cache-dir --prefix=/install -r requirements.txt\n\n"
    "FROM python:3.12-slim\n"
    "WORKDIR /app\n"
    "COPY --from=build /install /usr/local\n"
    "COPY . .\n"
    "USER 1000\n"
    "EXPOSE 8000\n"
    'CMD ["gunicorn", "-w", "4", "-b", "0.0.0.0:8000", "app:create_app()"]',
    '!function(e,t){"use strict";var n=t.querySelectorAll("[data-tab]"),r=function(e){n.forEach(fun'
    'ction(t){t.classList.toggle("is-active",t===e)})};n.forEach(function(e){e.addEventListener("cli'
    'ck",function(){r(e),t.getElementById(e.dataset.tab).scrollIntoView({behavior:"smooth"})})})}(wi'
    "ndow,document);",
    "00000000: 8950 4e47 0d0a 1a0a 0000 000d 4948 4452  .PNG........IHDR\n"
    "00000010: 0000 0040 0000 0040 0806 0000 00aa 6971  ...@...@......iq\n"
    "00000020: de00 0000 0473 4249 5408 0808 087c 0864  .....sBIT....|.d\n"
    "00000030: 8800 0000 0970 4859 7300 000e c400 000e  .....pHYs.......\n"
    "00000040: c401 952b 0e1b 0000 0019 7445 5874 536f  ...+......tEXtSo",
    "UEsDBBQAAAAIAAtqW1nQ1fJ3cwAAAIcAAAAIABwAcmVhZG1lLm1kVVQJAAPk3Q5n5N0OZ3V4CwABBOgDAAAE6AMAAEWMQQ6CMB"
    "BF933FP4AJtRoXLnoCj+C6lAEmaTtkOsR4ewnG+Jdv8d/jEVnpjJALLmDdoqsU7YFkiJb3mjnuWNWmFDczGzbt46hUcg4HuTq1"
    "+v8MLLEcXa6whWG9n6x2Qo1vYzFEu4uKjfM+Twtmn/G3AAAA",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris "
    "nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate "
    "velit esse cillum dolore eu fugiat nulla pariatur.",
    "asdkjh qweoiu zxmcn,, ;lkj fjfjfj ghghgh 9823 kdkd lalala pqpqpq mnb vcx ,,,, ;;;; jkjkjk",
    "# m h  dom mon dow   command\n"
    "*/5 * * * *   /usr/local/bin/healthcheck.sh >> /var/log/healthcheck.log 2>&1\n"
    "0 2 * * *     /opt/backup/run.sh --target s3://backups/nightly\n"
    "30 6 * * 1-5  /usr/bin/python3 /home/ops/reports/daily.py\n"
    "0 0 1 * *     find /tmp -type f -mtime +30 -delete",
    "oat milk x2\n"
    "eggs\n"
    "spinach\n"
    "dish soap\n"
    "9V battery for smoke alarm\n"
    "rye bread\n"
    "lentils (red)\n"
    "coffee filters??\n"
    "cat food - the salmon one",
    "CREATE TABLE loans (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  member_id INTEGER NOT NULL REFERENCES members(id),\n"
    "  item_code TEXT NOT NULL,\n"
    "  borrowed_on DATE NOT NULL,\n"
    "  due_on DATE NOT NULL,\n"
    "  returned_on DATE\n"
    ");\n"
    "INSERT INTO loans VALUES (1, 17, 'TL-0042', '2025-02-01', '2025-02-08', '2025-02-07');\n"
    "INSERT INTO loans VALUES (2, 23, 'TL-0107', '2025-02-03', '2025-02-10', NULL);\n"
    "INSERT INTO loans VALUES (3, 17, 'TL-0019', '2025-02-09', '2025-02-16', NULL);",
    "Mar 14 03:17:22 nas01 systemd[1]: Starting Daily rotation of log files...\n"
    'Mar 14 03:17:22 nas01 logrotate[20411]: error: skipping "/var/log/nginx/access.log" because '
    "parent directory has insecure permissions\n"
    "Mar 14 03:17:23 nas01 systemd[1]: logrotate.service: Main process exited, code=exited, "
    "status=1/FAILURE\n"
    "Mar 14 03:17:23 nas01 systemd[1]: logrotate.service: Failed with result 'exit-code'.\n"
    "Mar 14 03:17:23 nas01 systemd[1]: Failed to start Daily rotation of log files.",
    "{\n"
    '  "name": "recipe-cards",\n'
    '  "version": "0.4.1",\n'
    '  "private": true,\n'
    '  "scripts": {\n'
    '    "dev": "vite",\n'
    '    "build": "vite build",\n'
    '    "test": "vitest run"\n'
    "  },\n"
    '  "dependencies": {\n'
    '    "vue": "^3.4.21"\n'
    "  },\n"
    '  "devDependencies": {\n'
    '    "vite": "^5.2.0",\n'
    '    "vitest": "^1.4.0"\n'
    "  }\n"
    "}",
    "CC ?= cc\n"
    "CFLAGS ?= -O2 -Wall -Wextra\n"
    "OBJ = main.o parser.o render.o\n\n"
    "all: tiler\n\n"
    "tiler: $(OBJ)\n"
    "\t$(CC) $(CFLAGS) -o $@ $(OBJ) -lm\n\n"
    "%.o: %.c tiler.h\n"
    "\t$(CC) $(CFLAGS) -c $<\n\n"
    "clean:\n"
    "\trm -f $(OBJ) tiler\n\n"
    ".PHONY: all clean",
    "HTTP/2 200\n"
    "date: Fri, 14 Mar 2025 10:02:44 GMT\n"
    "content-type: text/html; charset=utf-8\n"
    "content-length: 48213\n"
    "cache-control: public, max-age=300\n"
    'etag: "5f3a-1c2b9e"\n'
    "strict-transport-security: max-age=63072000; includeSubDomains\n"
    "x-content-type-options: nosniff\n"
    "vary: Accept-Encoding",
    "@article{adebayo2021canopy,\n"
    "  title   = {Canopy gaps and understorey light in a secondary tropical forest},\n"
    "  author  = {Adebayo, Tunde and Kovács, Réka},\n"
    "  journal = {Journal of Tropical Ecology},\n"
    "  volume  = {37},\n"
    "  number  = {4},\n"
    "  pages   = {161--170},\n"
    "  year    = {2021},\n"
    "  doi     = {10.0000/example.2021.0042}\n"
    "}",
    "$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*76\n"
    "$GPGSA,A,3,10,07,05,02,29,04,08,13,,,,,1.72,1.03,1.38*0A\n"
    "$GPRMC,092750.000,A,5321.6802,N,00630.3372,W,0.02,31.66,280511,,,A*43\n"
    "$GPGGA,092751.000,5321.6802,N,00630.3371,W,1,8,1.03,61.7,M,55.3,M,,*75",
    "Date        Description                      Out       In        Balance\n"
    "02/03/2025  CARD PAYMENT GREENGROCER        12.40               1,204.17\n"
    "03/03/2025  DIRECT DEBIT WATER CO            38.00               1,166.17\n"
    "04/03/2025  SALARY                                     2,310.00  3,476.17\n"
    "05/03/2025  TRANSFER TO SAVINGS             400.00               3,076.17\n"
    "05/03/2025  CARD PAYMENT PHARMACY             6.85               3,069.32",
    "BEGIN:VCALENDAR\n"
    "VERSION:2.0\n"
    "PRODID:-//Example Corp//Calendar 1.0//EN\n"
    "BEGIN:VEVENT\n"
    "UID:20250320T140000-4411@example.com\n"
    "DTSTAMP:20250314T101500Z\n"
    "DTSTART:20250320T140000Z\n"
    "DTEND:20250320T150000Z\n"
    "SUMMARY:Quarterly planning\n"
    "LOCATION:Room 3.14\n"
    "END:VEVENT\n"
    "END:VCALENDAR",
    "1\n"
    "00:00:01,200 --> 00:00:03,900\n"
    "Where were you last night?\n\n"
    "2\n"
    "00:00:04,100 --> 00:00:06,450\n"
    "I told you. At my sister's.\n\n"
    "3\n"
    "00:00:07,000 --> 00:00:09,800\n"
    "Your sister moved to Tallinn in May.\n\n"
    "4\n"
    "00:00:10,300 --> 00:00:11,500\n"
    "(door slams)",
    '[Event "Club Championship"]\n'
    '[Site "?"]\n'
    '[Date "2024.11.02"]\n'
    '[Round "4"]\n'
    '[White "Aasen, K."]\n'
    '[Black "Mbeki, T."]\n'
    '[Result "0-1"]\n\n'
    "1. e4 c5 2. Nf3 d6 3. d4 cxd4 4. Nxd4 Nf6 5. Nc3 a6 6. Be3 e5 7. Nb3 Be6 8. f3 Be7 9. Qd2 O-O 10. "
    "O-O-O Nbd7 11. g4 b5 12. g5 b4 0-1",
    "base\tquote\tbid\task\tchange_24h\n"
    "EUR\tUSD\t1.0872\t1.0874\t+0.12%\n"
    "EUR\tGBP\t0.8541\t0.8543\t-0.05%\n"
    "USD\tJPY\t149.31\t149.34\t+0.41%\n"
    "GBP\tCHF\t1.1168\t1.1172\t-0.20%\n"
    "AUD\tNZD\t1.0795\t1.0799\t+0.03%",
    "\\documentclass[11pt,a4paper]{article}\n"
    "\\usepackage[utf8]{inputenc}\n"
    "\\usepackage[T1]{fontenc}\n"
    "\\usepackage{amsmath,amssymb}\n"
    "\\usepackage{graphicx}\n"
    "\\usepackage[margin=2.5cm]{geometry}\n"
    "\\usepackage{hyperref}\n"
    "\\title{}\n"
    "\\author{}\n"
    "\\date{\\today}\n"
    "\\begin{document}\n"
    "\\maketitle",
    "G21 ; set units to millimeters\n"
    "G90 ; use absolute coordinates\n"
    "M104 S215 ; set extruder temp\n"
    "M140 S60 ; set bed temp\n"
    "G28 ; home all axes\n"
    "G1 Z0.2 F1200\n"
    "G1 X10 Y10 F3000\n"
    "G1 X180 Y10 E15.0 F1500\n"
    "G1 X180 Y12\n"
    "G1 X10 Y12 E30.0",
    "$TTL 3600\n"
    "@       IN SOA  ns1.example.net. hostmaster.example.net. (\n"
    "                2025031401 ; serial\n"
    "                7200       ; refresh\n"
    "                900        ; retry\n"
    "                1209600    ; expire\n"
    "                300 )      ; minimum\n"
    "        IN NS   ns1.example.net.\n"
    "        IN NS   ns2.example.net.\n"
    "@       IN A    192.0.2.10\n"
    "www     IN CNAME @\n"
    "mail    IN A    192.0.2.25\n"
    "@       IN MX 10 mail",
    "User-agent: *\n"
    "Disallow: /admin/\n"
    "Disallow: /cart/\n"
    "Disallow: /search?\n"
    "Allow: /search/help\n\n"
    "User-agent: ExampleBot\n"
    "Disallow: /\n\n"
    "Sitemap: https://shop.example.com/sitemap.xml",
]

GROUPS: dict[str, list[str]] = {
    "translation": TRANSLATION,
    "summarization": SUMMARIZATION,
    "qa": QA,
    "math_reasoning": MATH_REASONING,
    "rag": RAG,
    "mt_bench": MT_BENCH,
    "ood": OOD,
}


def final_rows() -> list[dict[str, str]]:
    """The labelled rows (:func:`bench.task_eval.hand_written.labelled_rows` of :data:`GROUPS`)."""
    return labelled_rows(GROUPS)


def write_final(out: Path = FINAL_OUT) -> list[dict[str, str]]:
    """Write the rows to ``out`` (default: the shipped set), one JSON object a line; return them."""
    return write_rows(final_rows(), out)
