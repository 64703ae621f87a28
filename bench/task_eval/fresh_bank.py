"""Hand-written routing set for one final evaluation of the task router (``fresh.jsonl``).

    python -m bench.task_eval.generate --set fresh    # rewrites bench/task_eval/fresh.jsonl

Written after the holdout set (``holdout.jsonl``), because every earlier set (``prompts.jsonl``,
``dev.jsonl``, ``test.jsonl``, ``final.jsonl``, ``blind.jsonl``, ``holdout.jsonl``) had by then
been used to tune the router. Every prompt and passage here was written by hand, one at a time,
in the voices of different users (terse, chatty, formal, non-native English, lower case, markdown,
bullet points, a few system prompts and chat wrappers, a few format suffixes): nothing is
templated or drawn at random (they were typed into a plain-text draft and only wrapped into the
literals below by a formatting script). Their author wrote them from scratch, blind to the
router: it did not read the router's code, its trained models (``models/tasks/``) or its
documentation (``docs/tasks.md``), did not read the earlier banks' or sets' prompts (only
``holdout_bank.py``'s docstring, public names and closing code, which this module mirrors, and a
few Spec-Bench lines to see what each group's task is), and ran no router, classifier or model
on these prompts. Automated word n-gram checks against the earlier sets and Spec-Bench, printing
only this set's own ids and the shared phrases, were run on the draft; prompts that shared a
close run of words were rewritten, and the tests keep every run of eight words apart. It is for
one evaluation only (of router format 7): never to train, tune or choose anything; once it has
been looked at it is no longer held out.

Groups as Spec-Bench names them, 50 prompts each: translation (about 30 languages, half into
English and half out of it, Latin and other scripts, two romanized), summarization (a text of
800-3000 characters to condense, asked for in many phrasings), qa (a short factual question with
no context), math_reasoning (a grade-school word problem), rag (a passage, sometimes among other
retrieved snippets, and a question answered from it), mt_bench (writing, roleplay, reasoning
puzzles, coding, extraction, STEM and humanities, some multi-turn); plus 30 ``ood`` prompts that
ask for nothing (logs, stack traces, a hex dump, base64, configuration, CSV, JSON, markup,
minified JavaScript, a diff, noise). The summarization and rag prompts draw on one pool of 50
passages in varied genres (news, rental terms, a recipe, an abstract, a manual, minutes, an email
thread, a forum thread, a review, a travel diary, a biography, an FAQ, a policy, an interview
transcript, a changelog, API docs, a notice, an agenda, a report, a letter, a support chat, a
quote, a survey, a job advert, a recall notice, an evacuation warning, a discharge leaflet, a
privacy notice, a radio call-in, an essay, a code review, a newsletter, ...), each used by exactly
two prompts: one asks for a summary, the other asks a question about it.

Licence: written for specq and distributed under the project's licence (Apache-2.0). No
Spec-Bench prompt, passage or topic list was copied, nor anything from the other banks.
"""

from __future__ import annotations

from pathlib import Path

from bench.task_eval.hand_written import labelled_rows, write_rows

FRESH_OUT = Path(__file__).with_name("fresh.jsonl")


# ------------------------------------------------------------------------------ passages
# Each passage is used by two prompts below: a summary request and a question about it.

LIBRARY_HOURS = (
    "Harrowgate's central library will open on Sundays again from the first weekend of "
    "March, ending a closure that began when the council trimmed cultural spending "
    "four years ago. The change was approved on Thursday evening by a vote of nine to "
    "three, after a petition signed by more than 4,200 residents was presented to the "
    "council by a group of secondary-school pupils.\n"
    "\n"
    "Under the new timetable the building on Mercer Street will open from 11:00 to "
    "16:00 on Sundays and stay open until 20:00 on Tuesdays and Thursdays, two hours "
    "later than now. The two branch libraries in Elmfield and Stoke Row keep their "
    "current hours for the time being.\n"
    "\n"
    "The extra hours will cost about £118,000 a year. Roughly half of that will come "
    "from a charitable trust set up by a local printing firm; the rest is being found "
    "by leaving two vacant administrative posts unfilled. Councillor Dana Whitlock, "
    "who opposed the plan, argued that the priority should be repairing the leaking "
    'roof of the Elmfield branch. "We are opening one building longer while another '
    'one gets wetter," she said.\n'
    "\n"
    "Library staff will not be asked to work more hours without agreement. The service "
    "is recruiting six part-time assistants and hopes to have them trained by the end "
    "of February. A homework club for children aged 9 to 14 will run on Sunday "
    "afternoons, and the ground-floor study room will be bookable online from next "
    "month."
)

KAYAK_RENTAL_TERMS = (
    "BLUE HERON PADDLE HIRE: TERMS OF RENTAL\n"
    "\n"
    "1. Who may rent. The person signing this agreement must be at least 18 and must "
    "show photo ID. Paddlers under 16 must share a boat with an adult. Everyone on the "
    "water must wear the buoyancy aid we provide, fastened, at all times.\n"
    "\n"
    "2. Where you may go. Rentals are for the sheltered section of the river between "
    "the boathouse and the old railway bridge (about 3 km upstream). You may not pass "
    "under the bridge or go out into the estuary. If the red flag is raised at the "
    "boathouse, return immediately.\n"
    "\n"
    "3. Time. Hire periods start when you leave the jetty and end when the boat is "
    "back on the rack. Late returns are charged at £8 for each started half hour. If "
    "you are more than an hour late and we cannot reach you by phone, we will alert "
    "the harbour patrol, and the cost of any search may be passed on to you.\n"
    "\n"
    "4. Damage and loss. You are responsible for the boat, paddle and equipment while "
    "they are in your care. Scratches from normal use are fine. Cracked hulls, lost "
    "paddles or broken seats are charged at repair cost, up to a maximum of £450 per "
    "boat. A deposit of £50 per boat is taken by card and released within five working "
    "days.\n"
    "\n"
    "5. Weather and cancellations. We may cancel any booking if the wind forecast "
    "exceeds 20 mph or there is a thunderstorm warning; you will get a full refund. If "
    "you cancel yourself, you get a full refund up to 48 hours before the start, 50% "
    "up to 24 hours, and nothing after that.\n"
    "\n"
    "6. Alcohol. Anyone who appears to have been drinking will not be allowed to take "
    "a boat out, and no refund will be given."
)

KIMCHI_RECIPE = (
    "Quick cabbage kimchi (makes one 1.5-litre jar)\n"
    "\n"
    "You need: 1 napa cabbage (about 1.2 kg), 60 g coarse sea salt, 1 tablespoon "
    "glutinous rice flour, 150 ml water, 1 tablespoon sugar, 5 garlic cloves, a thumb "
    "of ginger, 3 tablespoons fish sauce, 4 tablespoons gochugaru (Korean chilli "
    "flakes), 4 spring onions, 1 small carrot.\n"
    "\n"
    "Cut the cabbage lengthways into quarters, remove the core, and slice into "
    "bite-sized pieces. Put it in a large bowl, sprinkle the salt over, toss with your "
    "hands and leave for two hours, turning it every half hour. The leaves should go "
    "limp and bend without snapping. Rinse three times in cold water and drain in a "
    "colander for at least 20 minutes; if it stays too wet the paste will slide off.\n"
    "\n"
    "Meanwhile whisk the rice flour into the water in a small pan and heat, stirring, "
    "until it thickens to a thin glue, about two minutes. Stir in the sugar and let it "
    "cool completely. Blend the garlic, ginger and fish sauce, then mix them into the "
    "cooled paste along with the chilli flakes. Cut the spring onions into 3 cm "
    "lengths and the carrot into matchsticks.\n"
    "\n"
    "Wearing gloves, rub the paste into the cabbage with the vegetables until "
    "everything is evenly red. Pack tightly into a clean jar, pressing down to remove "
    "air, and leave about 3 cm of space at the top. Leave at room temperature for one "
    "to two days, opening the lid once a day to let gas out and pressing the cabbage "
    "down under its juice. When it smells pleasantly sour, move it to the fridge. It "
    "keeps for about a month and gets more sour with time; older kimchi is best for "
    "stews and fried rice."
)

MICROPLASTICS_ABSTRACT = (
    "Abstract. Microplastic particles have been reported in remote mountain "
    "environments, but little is known about how they are delivered to high-altitude "
    "snowpack. We collected 64 surface snow samples from 16 sites between 2,100 and "
    "3,400 m above sea level across two winters in a central European mountain range, "
    "together with back-trajectory data for the snowfall events preceding each "
    "collection. Particles larger than 20 µm were counted and identified by micro-FTIR "
    "spectroscopy. Microplastics were found at every site, with concentrations ranging "
    "from 12 to 190 particles per litre of meltwater (median 46). Fibres made up 71% "
    "of particles; polyester and polypropylene were the most common polymers. "
    "Concentrations did not decrease with altitude and were not associated with "
    "distance to the nearest road or ski lift. Instead, they were on average 2.8 times "
    "higher after snowfall events whose air masses had passed over large urban areas "
    "within the previous 72 hours. Field blanks contained a mean of 3 particles per "
    "litre, indicating that contamination during sampling was minor. These results "
    "suggest that long-range atmospheric transport, rather than local tourism, is the "
    "main source of microplastics in high mountain snow, and that snowfall efficiently "
    "scavenges particles from the atmosphere. Because meltwater from these snowpacks "
    "feeds alpine lakes and drinking-water reservoirs, we recommend that monitoring "
    "programmes include snow sampling and that future work measure particles smaller "
    "than 20 µm, which were outside the range of our method."
)

DRONE_MANUAL = (
    "SKYLARK MINI - QUICK START\n"
    "\n"
    "Before your first flight\n"
    "- Charge the flight battery fully (about 70 minutes). The four LEDs on the "
    "battery blink while charging and go off when it is full.\n"
    "- Install the Skylark app and create an account. The drone will not take off "
    "until it has been activated in the app once.\n"
    "- Check local rules. In many countries you must register a drone over 250 g; the "
    "Skylark Mini weighs 243 g with the standard battery, but 262 g with the Plus "
    "battery.\n"
    "\n"
    "Pairing\n"
    "1. Unfold the front arms first, then the rear arms.\n"
    "2. Press the power button once, then press and hold it for two seconds to switch "
    "the drone on.\n"
    "3. Switch on the controller the same way and connect your phone with the cable.\n"
    '4. The app will show "Connected" and the status light on the drone turns slow '
    "green.\n"
    "\n"
    "Calibration\n"
    "If the app asks you to calibrate the compass, move away from cars, metal fences "
    "and reinforced concrete, hold the drone level and turn it one full circle, then "
    "hold it nose-down and turn it again.\n"
    "\n"
    "Flying\n"
    "- Wait for at least 10 satellites before take-off, so that Return to Home works.\n"
    "- The default maximum altitude is 120 m. The default maximum distance is 500 m.\n"
    "- When the battery drops to 20% the drone beeps and the app warns you. At 10% it "
    "lands where it is, so bring it back early over water or trees.\n"
    "\n"
    "Troubleshooting\n"
    "Drone drifts while hovering: recalibrate the IMU on a flat table in the app's "
    "Safety menu.\n"
    "Video stutters: lower the transmission quality to 720p or move away from Wi-Fi "
    "routers.\n"
    "Propeller guard cracked: do not fly until it has been replaced."
)

HOA_MINUTES = (
    "Maple Court Homeowners Association - Minutes of the monthly board meeting, 14 "
    "October\n"
    "\n"
    "Present: R. Osei (chair), L. Brandt (treasurer), M. Ferrante (secretary), K. Liu, "
    "P. Adeyemi. Also present: 11 residents. Apologies: J. Novak.\n"
    "\n"
    "1. Last month's minutes: accepted as circulated.\n"
    "\n"
    "2. Money. L. Brandt reported that the reserve fund stands at $84,300. Landscaping "
    "came in $2,100 over budget because of the emergency removal of the dead oak by "
    "building C. L. Brandt proposed that the shortfall be covered from the reserve "
    "rather than a special assessment. Approved 4-0, K. Liu abstaining.\n"
    "\n"
    "3. Parking. Residents again raised complaints about visitors parking in reserved "
    "spaces overnight. The board agreed to install numbered signs for all 48 reserved "
    "spaces and to issue hang tags to residents. Towing will only start after a 30-day "
    "warning period. M. Ferrante will draft a notice to all owners by 1 November.\n"
    "\n"
    "4. Pool resurfacing. Three bids were received: $38,000, $41,500 and $52,000. The "
    "board asked the lowest bidder to confirm that its price includes removing the old "
    "plaster and replacing the drain covers. Decision postponed to November.\n"
    "\n"
    "5. Short-term rentals. One owner asked whether renting a unit through "
    "holiday-rental websites is allowed. The bylaws require a minimum lease of six "
    "months. The board confirmed this rule stays in place and that violations will be "
    "fined $250 per occurrence.\n"
    "\n"
    "6. Open forum. A resident asked for a bicycle rack near the mailboxes. P. Adeyemi "
    "will get prices.\n"
    "\n"
    "The meeting closed at 8:42 pm. Next meeting: 11 November, clubhouse."
)

VOLUNTEER_EMAILS = (
    "From: Priya Raman\n"
    "To: Water station team\n"
    "Subject: Mile 18 station - Sunday roster\n"
    "\n"
    "Hi all, thanks again for signing up for the marathon water station at mile 18. We "
    "need to be set up by 6:45 am because the first runners should reach us around "
    "7:40. Please park behind the church hall on Linden Avenue, not on the course "
    "itself, because the road closes at 6:00. I have put everyone into two shifts: "
    "6:30-9:30 and 9:30-12:30. Let me know by Thursday if you can't make your shift.\n"
    "\n"
    "---\n"
    "From: Tom Okafor\n"
    "To: Priya Raman\n"
    "Subject: Re: Mile 18 station - Sunday roster\n"
    "\n"
    "Hi Priya, I can only do the first shift until 9:00 because my daughter has a "
    "swimming gala. Happy to bring the folding tables from the scout hut though, we "
    "have six.\n"
    "\n"
    "---\n"
    "From: Priya Raman\n"
    "To: Tom Okafor\n"
    "Subject: Re: Mile 18 station - Sunday roster\n"
    "\n"
    "Perfect, six tables is exactly what we need. I'll ask Gemma to come 30 minutes "
    "early to cover your last half hour.\n"
    "\n"
    "---\n"
    "From: Gemma Hart\n"
    "To: Priya Raman\n"
    "Subject: Re: Mile 18 station - Sunday roster\n"
    "\n"
    "No problem, I'll be there from 9:00. One thing: last year we ran out of cups "
    "around 10:30 when the slower runners came through. Can we ask the organisers for "
    "more than 3,000 this time? Also, who has the keys for the water tank trailer?\n"
    "\n"
    "---\n"
    "From: Priya Raman\n"
    "To: Water station team\n"
    "Subject: Re: Mile 18 station - Sunday roster\n"
    "\n"
    "Update: the organisers are giving us 4,500 cups and two extra bin bags per table. "
    "Marcus has the trailer keys and will tow it over on Saturday evening. Wear "
    "something warm, the forecast says 6 degrees at dawn. Hi-vis vests will be handed "
    "out at the station."
)

BEEKEEPING_FORUM = (
    "Thread: Swarm cells in May - split or squash?\n"
    "\n"
    "hollyhive wrote:\n"
    "Second-year beekeeper here. Did my inspection this morning and found seven queen "
    "cells along the bottom edge of two frames in my strongest colony. Some are "
    "capped. The hive is a double brood box and it's absolutely packed with bees. The "
    "queen is still there, I saw her. I have a spare hive and equipment. Do I squash "
    "the cells or do a split? I really don't want to lose half my bees to a tree in "
    "the neighbour's garden.\n"
    "\n"
    "OldGreyDrone wrote:\n"
    "If they're capped, squashing won't help much. They've made up their mind, and if "
    "you miss a single cell they'll swarm anyway. Do an artificial swarm: move the old "
    "queen with one frame of brood into the new hive on the original spot, so the "
    "flying bees return to her. Move the old hive with the queen cells a few metres "
    "away. Leave just one good open cell in it and remove the others after a week.\n"
    "\n"
    "beeginner_kat wrote:\n"
    "Agree with OldGreyDrone. I tried squashing last year and they swarmed nine days "
    "later. Also give the new box plenty of foundation and feed it, the queen will "
    "need space to lay straight away.\n"
    "\n"
    "hollyhive wrote:\n"
    "Thanks both. I did the artificial swarm at lunchtime. Found the queen again on "
    "the third frame and moved her across. The old box now has one unsealed cell left. "
    "Fingers crossed.\n"
    "\n"
    "OldGreyDrone wrote:\n"
    "Good work. Don't open the queenless box for three weeks or you may damage the new "
    "queen. Then look for eggs. If there are none after four weeks, ask your local "
    "association for a test frame."
)

HEADPHONE_REVIEW = (
    "I've had the Arlo Q7 noise-cancelling headphones for six weeks now, mainly for a "
    "daily train commute and working in a busy open-plan office, so here's an honest "
    "take.\n"
    "\n"
    "The good: noise cancelling is excellent on low rumble. Train engines and the air "
    "conditioning basically disappear. Battery life is better than advertised; I got "
    "just over 34 hours with ANC on before the first low-battery warning, and ten "
    "minutes on USB-C gives about four hours. The ear cushions are soft and I can wear "
    "them for a whole afternoon without my glasses pressing into my head.\n"
    "\n"
    "The not so good: voices still get through. Colleagues talking two desks away are "
    "quieter but clearly audible, which was the main thing I wanted to block. The "
    "microphone for calls is mediocre; a colleague said my voice had a tinny, echoey "
    "quality. The touch controls on the right cup are too sensitive, and adjusting the "
    "headphones often pauses the music. The app has a toggle to disable touch "
    "entirely, which also kills swipe-for-volume.\n"
    "\n"
    "Sound quality out of the box is bass-heavy. With the app's equaliser set to "
    '"Balanced" it\'s much better, clear and detailed, though not as open as my old '
    "wired pair.\n"
    "\n"
    "At the full price of $279 I'd say they're good but not outstanding. I bought them "
    "on sale for $199 and at that price I'm happy. If you mostly need to block voices "
    "rather than engines, or you take a lot of calls, look elsewhere. Four stars out "
    "of five."
)

ICELAND_ROADTRIP = (
    "Day 4 - Höfn to Egilsstaðir\n"
    "\n"
    "Woke up to sideways rain hammering the campervan roof at 5 a.m. and decided there "
    "was no point fighting it, so we made porridge on the tiny stove and left around "
    "eight. The road out of Höfn hugs the coast, and even in fog the East Fjords are "
    "unreal: black cliffs dropping into grey water, waterfalls every few hundred "
    "metres, most of them without a name on the map.\n"
    "\n"
    "We stopped in Djúpivogur for coffee and walked out to see the egg sculptures on "
    "the harbour wall, thirty-four granite eggs, one for each bird species that nests "
    "nearby. Lena tried to photograph all of them and got to twenty-one before the "
    "rain came back.\n"
    "\n"
    "The plan was to take road 939 over Öxi pass, which saves about 70 km. The sign at "
    "the bottom said gravel, steep, not recommended in bad weather. We looked at the "
    "sky, looked at our two-wheel-drive van, and chickened out. The coastal road was "
    "longer but gorgeous, with reindeer grazing right next to the road near "
    "Breiðdalsvík. I had no idea there were reindeer in Iceland.\n"
    "\n"
    "Fuel is a thing to plan for out here. We had a quarter tank at Stöðvarfjörður and "
    "the pump there only took cards with a PIN, which Lena's card doesn't have. "
    "Luckily mine worked.\n"
    "\n"
    "Reached Egilsstaðir at 6 p.m., tired and damp. The campsite has hot showers (500 "
    "krónur for five minutes) and a kitchen hut where a German couple shared their "
    "lamb soup with us. Tomorrow: Dettifoss, if the road is open."
)

YNES_MEXIA = (
    "Ynés Mexía did not collect her first plant specimen until she was 55, yet by the "
    "time she died, thirteen years later, she had gathered around 145,000 of them and "
    "was one of the most productive botanical collectors of her generation.\n"
    "\n"
    "She was born in 1870 in Washington, D.C., the daughter of a Mexican diplomat, and "
    "spent parts of her childhood in Texas, Philadelphia and Mexico City. Her early "
    "adult life was difficult: she managed her late father's estate in Mexico, was "
    "widowed young, went through a painful second marriage and suffered from "
    "depression. In 1909 she moved to San Francisco for treatment and stayed.\n"
    "\n"
    "There she joined the Sierra Club and discovered a love of the outdoors. At 51 she "
    "enrolled in natural-science classes at the University of California, Berkeley, "
    "without any intention of taking a degree. A botany course led to her first "
    "expedition, to western Mexico in 1925, where she fell from a cliff, broke ribs "
    "and injured a hand, but returned with 1,500 specimens, among them a new genus of "
    "plant later named Mexianthus in her honour.\n"
    "\n"
    "Over the next decade she travelled, usually alone or with local guides, through "
    "Mexico, Alaska, Brazil, Peru, Ecuador and Argentina. She paddled up the Amazon by "
    "canoe, crossed the Andes on foot and by mule, and lived for months in remote "
    "villages. She paid for her trips by selling sets of dried specimens to herbaria "
    "and museums in the United States and Europe.\n"
    "\n"
    "About 500 of the species she collected were new to science, and around 50 bear "
    "her name. She died of lung cancer in 1938 while preparing yet another journey to "
    "Mexico."
)

GYM_FAQ = (
    "Frequently asked questions - Peak Fitness Eastside\n"
    "\n"
    "Can I freeze my membership?\n"
    "Yes. Monthly members can freeze for one to three months per calendar year for a "
    "fee of £5 per month. Freezes must be requested at least seven days before your "
    "next payment date through the app or at reception. Annual memberships can be "
    "frozen only for medical reasons, with a doctor's note.\n"
    "\n"
    "How do I cancel?\n"
    "Give one full calendar month's notice in writing or in the app. If you cancel on "
    "10 June, your last payment will be taken on 1 July and your access ends on 31 "
    'July. Members on the 12-month "Commit" plan cannot cancel before the end of the '
    "12 months except when moving more than 15 miles away.\n"
    "\n"
    "Can I bring a friend?\n"
    "Each member can bring one guest per month for free. The guest must be over 18, "
    "sign a waiver and show ID. Additional guest passes cost £8.\n"
    "\n"
    "What are the opening hours?\n"
    "Monday to Friday 5:30-23:00, weekends and bank holidays 7:00-21:00. The pool "
    "closes 30 minutes before the gym. The sauna is closed on Tuesdays for cleaning.\n"
    "\n"
    "Do I need to book classes?\n"
    "Yes, classes open for booking 72 hours in advance. If you do not show up and have "
    "not cancelled at least two hours before the start, you will receive a strike. "
    "Three strikes within 30 days block class booking for a week.\n"
    "\n"
    "Is there parking?\n"
    "Members get two hours of free parking in the Lowther Street car park. Enter your "
    "car registration on the tablet at reception."
)

REMOTE_WORK_POLICY = (
    "Hybrid Working Policy (version 3, effective 1 September)\n"
    "\n"
    "Purpose. This policy sets out how employees may combine working from home with "
    "working in the office. It applies to all permanent and fixed-term staff except "
    'those in roles marked "site-based" in their contract, such as laboratory '
    "technicians and reception staff.\n"
    "\n"
    "Office days. Employees are expected to work from the office at least two days per "
    'week. Teams agree on one "anchor day" on which everyone in the team is in the '
    "office. Managers may require additional office days for onboarding, training or "
    "client visits, with at least one week's notice.\n"
    "\n"
    "Working abroad. Employees may work from another country for up to 20 working days "
    "per calendar year, provided they request it through the HR portal at least four "
    "weeks in advance and the country is not on the restricted list, which is reviewed "
    "by the legal team every quarter. Longer periods require approval from a director "
    "and may have tax consequences for the employee.\n"
    "\n"
    "Equipment. The company provides a laptop, a monitor, a keyboard and a headset. "
    "Employees may claim up to €300 once every three years for a desk chair or desk. "
    "Internet costs are not reimbursed.\n"
    "\n"
    "Security. Confidential documents must not be printed at home. Employees must lock "
    "their screen when away from the device and must not work on company systems over "
    "public Wi-Fi without the VPN.\n"
    "\n"
    "Review. Hybrid arrangements may be withdrawn for an individual if performance "
    "falls below expectations, after a documented conversation and a four-week "
    "improvement period. The policy itself will be reviewed in twelve months."
)

POTTER_INTERVIEW = (
    "HOST: My guest today has been making pots in the same converted barn for thirty "
    "years. Welcome, Ines.\n"
    "\n"
    "INES: Thank you. Though it's thirty-one now, I counted.\n"
    "\n"
    "HOST: Thirty-one. How did you start?\n"
    "\n"
    "INES: Pure chance. I was doing an accounting degree and a friend dragged me to an "
    "evening class. The first time I centred clay on the wheel, it was like the whole "
    "room went quiet. I failed my exams that year, which my parents did not find as "
    "poetic as I did.\n"
    "\n"
    "HOST: Your work is known for those pale blue glazes. Where do they come from?\n"
    "\n"
    "INES: From a lot of failures. I mix my own glazes, and for years the blue came "
    "out grey or bubbly. The breakthrough was adding wood ash from our own stove, "
    "which has a bit of iron in it, and firing slower at the end. Now every kiln load "
    "is a little different, and customers actually like that.\n"
    "\n"
    "HOST: You still fire with wood?\n"
    "\n"
    "INES: Twice a year, in a big kiln we built with friends. It takes three days and "
    "nights of stoking, and we take turns sleeping. The rest of the year I use an "
    "electric kiln, because I'm fifty-eight and I also like sleeping.\n"
    "\n"
    "HOST: What's changed in the craft since you started?\n"
    "\n"
    "INES: Social media, obviously. Half my sales now come from people who saw a "
    "video. That's wonderful, but it also means people expect everything to look "
    "perfect on a screen, and handmade pots are not perfect. I've had returns because "
    "a mug was a few millimetres taller than the one in the photo.\n"
    "\n"
    "HOST: Any advice for beginners?\n"
    "\n"
    "INES: Make a hundred bowls before you decide you're bad at it. And keep your "
    "fingernails short."
)

NOTES_APP_CHANGELOG = (
    "Jotter for Android - release notes\n"
    "\n"
    "4.8.0 (released 3 March)\n"
    "New\n"
    "- Handwriting search: pen-written pages are now read on the device and can be "
    "found with the normal search bar. Supported for English, German, French and "
    "Spanish.\n"
    "- Notes can be pinned to the home screen as widgets.\n"
    "Changed\n"
    "- The minimum supported Android version is now 9. Devices on Android 8 will keep "
    "working with version 4.7 but get no updates.\n"
    "- Sync now runs every 5 minutes instead of every 15 when the app is open.\n"
    "Fixed\n"
    "- Checklists no longer lose their order after syncing with the desktop app.\n"
    "- PDF export of notebooks holding over 2,000 notes no longer crashes the app.\n"
    "\n"
    "4.7.2 (released 12 February)\n"
    "Fixed\n"
    "- Images attached from the camera were sometimes saved sideways on Samsung "
    "phones.\n"
    "- Dark mode: the text in code blocks was black on a dark grey background.\n"
    "\n"
    "4.7.1 (released 30 January)\n"
    "Security\n"
    "- Locked notes now require the PIN again after the app has been in the background "
    "for 60 seconds (previously 10 minutes). You can change this in Settings > "
    "Privacy.\n"
    "Fixed\n"
    "- Reminders set for 12:00 AM fired at noon.\n"
    "\n"
    "4.7.0 (released 15 January)\n"
    "New\n"
    "- Shared notebooks: invite up to 10 people by e-mail. Shared notebooks count "
    "towards the storage of the owner only.\n"
    "Changed\n"
    "- The free plan now includes 2 GB of storage instead of 1 GB.\n"
    "Removed\n"
    '- The old "Classic" theme has been removed.'
)

WEBHOOK_DOCS = (
    "Webhooks\n"
    "\n"
    "Pennyworth sends an HTTP POST request to your endpoint when certain events happen "
    "in your account, such as a payment succeeding or a refund being issued.\n"
    "\n"
    "Registering an endpoint\n"
    "Create an endpoint in the dashboard under Developers > Webhooks, or with POST "
    "/v2/webhook_endpoints. Each account can have up to 16 endpoints. You choose which "
    'event types each endpoint receives; an endpoint subscribed to "*" receives all '
    "of them.\n"
    "\n"
    "Payload\n"
    "The body is a JSON object with the fields id (a unique event id starting with "
    "evt_), type (for example payment.succeeded), created (a Unix timestamp) and data "
    "(the object the event is about).\n"
    "\n"
    "Verifying signatures\n"
    "Every request includes a Pennyworth-Signature header of the form "
    't=TIMESTAMP,v1=SIGNATURE. Compute an HMAC-SHA256 of the string TIMESTAMP + "." '
    "+ raw request body, using your endpoint's signing secret as the key, and compare "
    "it to the v1 value using a constant-time comparison. Reject requests whose "
    "timestamp is more than five minutes old, to protect against replay attacks. "
    "Always use the raw body: parsing and re-serialising the JSON will change the "
    "bytes and the signature will not match.\n"
    "\n"
    "Responding\n"
    "Return any 2xx status code within 10 seconds. Do slow work, like sending e-mails, "
    "after responding. If your endpoint returns another status or times out, we retry "
    "with exponential backoff for up to three days. After three days of failures the "
    "endpoint is disabled and the account owner is notified by e-mail.\n"
    "\n"
    "Ordering and duplicates\n"
    "Events are not guaranteed to arrive in the order they were created, and the same "
    "event may be delivered more than once. Store the ids of events you have processed "
    "and ignore repeats."
)

PET_VACCINE_NOTICE = (
    "Riverside Veterinary Practice - Spring vaccination clinics\n"
    "\n"
    "Our low-cost vaccination clinics return this spring on Saturday mornings from 5 "
    "April to 24 May, 9:00 to 12:30, at the Riverside surgery only (not at our "
    "Northgate branch).\n"
    "\n"
    "What is offered\n"
    "- Dogs: annual booster (leptospirosis plus distemper, parvovirus and hepatitis "
    "where due) £38; kennel cough nasal vaccine £29.\n"
    "- Cats: annual booster (cat flu and enteritis) £36; feline leukaemia vaccine "
    "£32.\n"
    "- Rabbits: combined myxomatosis and RVHD vaccine £42.\n"
    "Every vaccination includes a short health check by a vet. Microchipping is "
    "available at the same visit for £15.\n"
    "\n"
    "Booking\n"
    "Clinics are by appointment only. Please book online or by phone. Appointments are "
    "10 minutes, so if you have more than two animals please book two slots.\n"
    "\n"
    "Puppies and kittens\n"
    "First vaccinations for puppies and kittens are not given at these clinics, "
    "because they need a longer first consultation. Please book a normal appointment.\n"
    "\n"
    "Before you come\n"
    "- Dogs should be on a lead and cats and rabbits in a secure carrier.\n"
    "- If your pet has been unwell in the last week, has vomiting or diarrhoea, or is "
    "on medication, please tell us when booking; we may need to move the appointment.\n"
    "- Bring your pet's vaccination card if you are new to the practice. If more than "
    "15 months have passed since the last booster, your pet may need to restart the "
    "full course, which costs more.\n"
    "\n"
    "Payment is taken on the day. Clinic prices cannot be combined with our Pet Health "
    "Club discounts."
)

HACKATHON_AGENDA = (
    "CivicHack Weekend - Programme\n"
    "\n"
    "Friday\n"
    "17:30  Doors open, registration and badge pick-up (main hall, ground floor)\n"
    "18:00  Welcome talk: why open data matters for the city (Deputy Mayor Hanne "
    "Solberg)\n"
    "18:30  Challenge presentations from partners: bus punctuality, recycling sorting, "
    "accessible routes for wheelchair users, flood sensors\n"
    "19:30  Team formation. Pitch your idea in 60 seconds; teams of 3-5\n"
    "20:00  Dinner (pizza, vegan options available)\n"
    "20:30  Hacking begins. Building stays open all night; quiet room on floor 2\n"
    "\n"
    "Saturday\n"
    "08:00  Breakfast\n"
    "10:00  Mentor round 1: each team gets 15 minutes with a data mentor (sign up on "
    "the whiteboard)\n"
    "13:00  Lunch\n"
    "14:00  Workshop: mapping with open-source tools (room 204, optional)\n"
    "16:00  Mentor round 2\n"
    "19:00  Dinner and board games\n"
    "\n"
    "Sunday\n"
    "09:00  Breakfast\n"
    "12:00  Code freeze. Submissions via the form: repository link, 2-minute video, "
    "short description\n"
    "12:30  Lunch\n"
    "13:30  Final presentations: 4 minutes per team plus 2 minutes of questions\n"
    "16:00  Jury deliberation\n"
    "16:45  Awards: best overall (3,000 kroner and six months of mentoring), best use "
    "of transport data, best accessibility project, audience prize\n"
    "17:30  Closing and clean-up\n"
    "\n"
    "All code must be released under an open licence. Teams keep ownership of their "
    "work."
)

SALES_REPORT = (
    "Q3 sales summary - Northern region\n"
    "\n"
    "Revenue for the quarter was €4.62 million, up 7.4% on the same quarter last year "
    "but 3.1% below the target of €4.77 million. July and August were strong; "
    "September was weak because two of our largest distributors delayed orders until "
    "October after a price increase was announced for the new catalogue.\n"
    "\n"
    "By product line, outdoor furniture grew fastest (+18%), driven by the new "
    "aluminium range, which sold out twice. Kitchen textiles fell 9%, continuing a "
    "decline that began last year, as supermarkets now sell similar products at lower "
    "prices. Lighting was flat.\n"
    "\n"
    "By channel, online sales rose to 31% of revenue from 24% a year ago. Average "
    "online order value fell slightly, from €86 to €81, because of more small orders "
    "of accessories. Sales to independent shops were stable, while department store "
    "sales dropped 12% after one chain closed four stores in the region.\n"
    "\n"
    "Margins. Gross margin improved to 41.2% from 39.8%, mainly due to lower shipping "
    'costs. Returns rose to 6.5% of online orders, with "colour different from '
    'photo" as the most common reason.\n'
    "\n"
    "Outlook. Orders delayed from September should add around €300,000 to Q4. We "
    "expect to meet the annual target if the aluminium range can be restocked before "
    "the spring season. We recommend (1) reviewing whether to keep the kitchen textile "
    "line at its current size, (2) improving product photography to reduce returns, "
    "and (3) adding a second supplier for aluminium frames."
)

GLACIER_RETREAT = (
    "Why do glaciers shrink even in years with heavy snowfall? A glacier behaves a bit "
    "like a bank account. Snow that falls in winter and survives the summer is income; "
    "it is gradually compressed into ice over decades. Melting, and the breaking off "
    "of icebergs where a glacier ends in water, are spending. Whether a glacier grows "
    "or shrinks depends on the balance between the two over many years, not on a "
    "single snowy winter.\n"
    "\n"
    "In the Alps, most of the loss now happens in a few hot weeks of late summer. Once "
    "the fresh winter snow has melted away, the older ice underneath is exposed. That "
    "ice is darker, often covered with dust and soot, so it absorbs more sunlight and "
    "melts faster. A warm summer can therefore undo several good winters. In 2022, "
    "after a winter with little snow and a summer of repeated heat waves, Swiss "
    "glaciers lost about 6% of their remaining volume in a single year.\n"
    "\n"
    "Glaciers also respond slowly. Their shape today reflects the climate of the past "
    "few decades, so even if temperatures stopped rising now, many glaciers would keep "
    "shrinking until they reach a new balance. Scientists estimate that the Alps will "
    "lose a large majority of their present ice volume by the end of the century even "
    "under optimistic scenarios.\n"
    "\n"
    "The consequences go beyond scenery. Meltwater keeps rivers flowing during dry "
    "summers, feeds hydropower dams and irrigation, and its loss changes the timing of "
    "water supply for millions of people downstream. Retreating ice also leaves behind "
    "unstable slopes and new lakes that can burst their natural dams."
)

TRAIN_COMPENSATION = (
    "Delay Repay - how compensation works\n"
    "\n"
    "If your train is delayed, you can claim compensation regardless of the cause of "
    "the delay, including weather and strikes. What you get depends on how late you "
    "arrived at your destination station, not on how late the train left.\n"
    "\n"
    "Single tickets and returns\n"
    "- 15 to 29 minutes late: 25% of the single fare (or of half the return fare)\n"
    "- 30 to 59 minutes: 50%\n"
    "- 60 to 119 minutes: 100% of the single fare\n"
    "- 120 minutes or more: 100% of the return fare\n"
    "\n"
    "Season tickets\n"
    "For season tickets we calculate the cost of one journey from the price of your "
    "ticket: for a weekly ticket we divide by 10, for a monthly ticket by 40, and for "
    "an annual ticket by 464.\n"
    "\n"
    "How to claim\n"
    "Claims must be made within 28 days of the delayed journey, online or with a paper "
    "form available at staffed stations. You will need a photo of your ticket or your "
    "smartcard number. If you used a contactless bank card, you claim through the "
    "pay-as-you-go account instead.\n"
    "\n"
    "How you are paid\n"
    "You can choose bank transfer, a credit to your smartcard, or rail vouchers. "
    "Vouchers are valid for 12 months and can be used for tickets only. Payments are "
    "usually made within 10 working days.\n"
    "\n"
    "Exclusions\n"
    "We do not pay for missed connections with other companies' trains, taxis or hotel "
    "stays, unless the last train of the day was cancelled and you were unable to "
    "complete your journey. In that case keep your receipts and write to customer "
    "relations."
)

NOISE_LETTER = (
    "Dear Resident,\n"
    "\n"
    "Re: Noise complaints, Flat 3B, Aldgate House\n"
    "\n"
    "We have received several complaints from your neighbours about loud music and "
    "voices coming from your flat late at night, most recently on Friday 7 and "
    "Saturday 8 March, after 1:00 a.m. On one of those nights a neighbour with a young "
    "baby contacted the building's out-of-hours line twice.\n"
    "\n"
    "We would like to remind you that clause 14 of your tenancy agreement states that "
    "tenants must not cause noise that can be heard outside the flat between 11:00 "
    "p.m. and 7:00 a.m., and must not cause a nuisance to neighbours at any time. "
    "Wooden floors in Aldgate House carry sound more than carpets; the agreement also "
    "requires rugs to cover at least 70% of the living room floor.\n"
    "\n"
    "We understand that the occasional gathering happens, and we are not looking to "
    "make this difficult. However, if further complaints are received and confirmed by "
    "our staff within the next three months, we will issue a formal warning. Continued "
    "breaches after a formal warning may lead us to start proceedings to end the "
    "tenancy.\n"
    "\n"
    "If you believe these complaints are not about your flat, or if there are "
    "circumstances you would like us to know about, please contact me by 28 March. We "
    "can also arrange a meeting with the neighbours and a mediator, free of charge, if "
    "you think that would help.\n"
    "\n"
    "Yours sincerely,\n"
    "\n"
    "Olu Bankole\n"
    "Housing Officer, Northgate Homes"
)

TREE_PLANTING_PLAN = (
    "The city's parks department has announced plans to plant 12,000 street trees over "
    "the next five years, aiming to raise tree canopy cover from 17% to 25% of the "
    "city's area by 2040. The plan prioritises neighbourhoods that have the fewest "
    "trees and the highest summer temperatures; satellite data from last August showed "
    "streets in the eastern industrial districts up to 7 °C hotter than leafy western "
    "suburbs.\n"
    "\n"
    "About a third of the new trees will be planted in pavements, where the department "
    "will remove paving slabs and install soil cells that let roots spread under the "
    "pavement without lifting it. The rest will go into parks, school grounds and the "
    "grass verges of main roads. The department says it will choose from more than 40 "
    "species, avoiding planting more than 10% of any single species, after disease "
    "wiped out most of the city's ash trees in the past decade.\n"
    "\n"
    "Residents can request a free tree outside their home through the city's website, "
    "but must agree to water it during its first two summers. Volunteers with the "
    '"Tree Keepers" programme will check on young trees and report damage.\n'
    "\n"
    "The plan will cost an estimated 9.4 million over five years, including "
    "maintenance. Critics on the council questioned whether the department, which lost "
    "a fifth of its staff in recent budget cuts, can look after that many new trees. A "
    "study of a previous planting campaign found that nearly a quarter of trees died "
    "within three years, mostly because they were not watered."
)

PAPER_HISTORY = (
    "Paper was invented in China; tradition credits a court official, Cai Lun, with "
    "improving the process around 105 CE, though archaeologists have found older "
    "fragments. Early Chinese paper was made from mulberry bark, hemp and old rags, "
    "beaten into pulp, spread over a screen and dried. It was cheaper than silk and "
    "lighter than bamboo strips, and by the fourth century it had largely replaced "
    "both for everyday writing.\n"
    "\n"
    "The technique spread slowly. Papermaking reached Korea and Japan by the seventh "
    "century. A common story says that Chinese papermakers taken prisoner at the "
    "battle of Talas in 751 taught the craft in Samarkand; historians now think the "
    "knowledge probably travelled earlier and more gradually along trade routes, but "
    "Samarkand did become famous for its paper. By the end of the eighth century there "
    "was a paper mill in Baghdad, and the Abbasid administration switched from papyrus "
    "and parchment to paper for its records.\n"
    "\n"
    "Paper transformed the Islamic world's intellectual life. Books became cheaper, "
    "libraries grew, and bookshops lined whole streets of Baghdad and Cairo. "
    "Papermakers there used linen rags rather than bark and developed moulds that "
    "produced thinner, more even sheets.\n"
    "\n"
    "Europe learned papermaking from the Islamic world, first in Muslim Spain, where "
    "Xàtiva had mills by the twelfth century, and then in Italy. Italian mills at "
    "Fabriano introduced water-powered hammers, animal-gelatine sizing and watermarks. "
    "When Gutenberg's press appeared in the 1450s, a supply of cheap paper was already "
    "in place."
)

FOOTBALL_REPORT = (
    "Westbrook Athletic 2-3 Harbour City Women\n"
    "\n"
    "Harbour City came from two goals down to win a thrilling cup quarter-final in "
    "front of a record home crowd of 6,812 at Westbrook on Sunday afternoon.\n"
    "\n"
    "The hosts dominated the first half. Captain Ellie Marsh headed in a corner in the "
    "11th minute, and striker Naomi Achterberg doubled the lead shortly before the "
    "break, curling a shot into the top corner from the edge of the area after a "
    "mistake by the visiting defence.\n"
    "\n"
    "Harbour City's coach Rosa Delgado made two substitutions at half time, moving to "
    "three at the back, and the game changed. Winger Tia Boateng, one of the "
    "substitutes, pulled a goal back in the 58th minute with a low shot across the "
    "keeper. Twelve minutes later, Boateng's cross was turned into her own net by "
    "Westbrook defender Carla Mendes under pressure from Sophie Lund.\n"
    "\n"
    "With the match heading for extra time, Harbour City won a penalty in the 89th "
    "minute when Lund was tripped in the box. Veteran midfielder Jo Kinsella, playing "
    "in her last season, sent the keeper the wrong way.\n"
    "\n"
    "Westbrook had a chance to equalise in stoppage time, but Achterberg's header hit "
    "the crossbar. Marsh was later shown a yellow card for protesting at the final "
    "whistle.\n"
    "\n"
    '"We were too passive after half time and they punished us," said Westbrook '
    "manager Ken Ibbotson. Delgado praised her team's character: \"At 2-0 down away "
    'from home, a lot of teams give up."\n'
    "\n"
    "Harbour City will face the winner of Thursday's tie between Redcastle and "
    "Glenmore in the semi-final."
)

ISP_SUPPORT_CHAT = (
    "[19:02] Bot: Hi, you're chatting with Lumen Broadband support. What can we help "
    "you with today?\n"
    "[19:02] Customer: internet keeps dropping every evening, like 5 or 6 times "
    "between 7 and 11\n"
    "[19:03] Bot: I'm sorry to hear that. I'll connect you to an agent.\n"
    "[19:05] Agent (Farid): Hi, this is Farid. Could you tell me whether the lights on "
    "your router change when the connection drops?\n"
    "[19:06] Customer: the globe light goes orange for a minute then white again\n"
    "[19:06] Agent (Farid): Thanks. Is the router connected with the white cable to "
    "the wall socket directly, or through an extension lead?\n"
    "[19:07] Customer: there's a phone extension cable, about 10 metres, because the "
    "socket is in the hall\n"
    "[19:08] Agent (Farid): I've run a line test. I can see 27 disconnections over the "
    "last three days, and the signal-to-noise margin is low in the evenings. Long "
    "extension cables often pick up interference. Could you try connecting the router "
    "directly to the master socket for a day?\n"
    "[19:09] Customer: ok but then the wifi won't reach my office upstairs\n"
    "[19:10] Agent (Farid): Understood. As a test it's worth it. If the drops stop, we "
    "can send you a free mesh Wi-Fi extender so you can keep the router in the hall. "
    "If they continue, I'll book an engineer visit, which is free because the fault "
    "would be on our side.\n"
    "[19:11] Customer: fine, will try tonight\n"
    "[19:11] Agent (Farid): Great. I've also added a £7.50 goodwill credit, which will "
    "show on your next invoice. Your reference number is LB-448213.\n"
    "[19:12] Customer: thanks"
)

SOLAR_QUOTE = (
    "Quotation for rooftop solar installation - 14 Acacia Road\n"
    "\n"
    "System: 12 panels of 430 W each, total 5.16 kWp, on the south-west facing rear "
    "roof. Hybrid inverter of 5 kW and a 9.5 kWh battery installed in the garage.\n"
    "\n"
    "Estimated generation: about 4,700 kWh per year, based on the roof pitch of 35 "
    "degrees, orientation and shading from the neighbouring chimney, which we estimate "
    "reduces output by 4%.\n"
    "\n"
    "Price\n"
    "- Panels, mounting and installation: £6,850\n"
    "- Inverter: £1,400\n"
    "- Battery: £4,200\n"
    "- Scaffolding: £650\n"
    "- Total including VAT at 0%: £13,100\n"
    "A deposit of 20% is payable on acceptance, and the balance within 14 days of "
    "installation.\n"
    "\n"
    "Expected savings: with your current electricity use of 4,100 kWh per year and the "
    "battery, we estimate you will use around 70% of the electricity you generate "
    "yourself and export the rest. At today's prices this saves roughly £1,050 per "
    "year, giving a simple payback period of about 12 years. Without the battery, the "
    "cost would be £8,900 and the payback about 10 years, but you would use only about "
    "35% of your generation yourself.\n"
    "\n"
    "Warranty: panels 25 years on performance, inverter 10 years, battery 10 years or "
    "6,000 cycles, workmanship 5 years.\n"
    "\n"
    "Timeline: installation takes two days after scaffolding is up. We will register "
    "the system with your network operator. This quotation is valid for 30 days."
)

LUNCH_SURVEY = (
    "Results of the parent and pupil survey on school lunches, Oakfield Primary\n"
    "\n"
    "We received 312 responses from parents (58% of families) and 240 from pupils in "
    "years 3 to 6.\n"
    "\n"
    "Take-up. 61% of pupils eat school lunches at least four days a week; 27% bring "
    "packed lunches every day. The most common reason parents gave for packed lunches "
    "was that their child is a fussy eater (44%), followed by cost (29%) for families "
    "not eligible for free meals.\n"
    "\n"
    'Quality. 68% of pupils rated the food "good" or "very good". Pasta dishes, '
    "the roast on Wednesdays and the jacket potato bar were the most popular. Fish on "
    "Fridays was the least liked. Several pupils wrote that portions are too small on "
    "PE days. Parents rated the food lower than pupils did: 49% good or very good.\n"
    "\n"
    "Time. The biggest complaint from both groups was time. Pupils in the second "
    "sitting often have only 15 minutes to eat because the queue moves slowly, and 38% "
    "of pupils said they sometimes do not finish their food.\n"
    "\n"
    "Allergies. Parents of the 19 children with allergies were mostly satisfied with "
    "how they are handled, though three asked for the weekly menu to list allergens "
    "more clearly.\n"
    "\n"
    "What we will do. From next term the school will open a second serving point for "
    "the jacket potato bar to shorten queues, pilot a larger portion option on PE "
    "days, and publish the menu with allergens on the website every Friday. The "
    "catering company will test two new fish recipes with the school council before "
    "the summer."
)

JOB_POSTING = (
    "We're hiring: Volunteer Coordinator, Southside Food Hub (25 hours a week)\n"
    "\n"
    "Southside Food Hub gives out around 600 food parcels a week from a warehouse "
    "behind the old tram depot and runs a community fridge and a Saturday café. Almost "
    "everything is done by our 180 volunteers, and we need someone to look after "
    "them.\n"
    "\n"
    "The job\n"
    "You'll recruit new volunteers through schools, churches, local businesses and "
    "social media; run a welcome session every other Wednesday; build the weekly rota "
    "so that every shift has enough drivers, packers and people on the front desk; and "
    "keep in touch with volunteers who have drifted away. You'll also check that "
    "everyone who drives our vans or handles chilled food has done the right training, "
    "and keep those records up to date.\n"
    "\n"
    "About you\n"
    "You get on with all kinds of people, from retired bank managers to teenagers "
    "doing their first volunteering. You stay calm when three people call in sick on a "
    "Friday morning. You are comfortable with spreadsheets and group messaging apps. "
    "Experience of volunteering yourself matters more to us than qualifications. A "
    "driving licence is helpful but not required.\n"
    "\n"
    "Pay and hours\n"
    "£13.80 per hour, 25 hours a week, usually Tuesday to Saturday mornings. Some "
    "flexibility for school pick-ups. 25 days of holiday a year, pro rata. A year's "
    "contract at first, which we hope to make permanent once our lottery grant is "
    "renewed.\n"
    "\n"
    "Applying\n"
    "No CV needed. Fill in the short form on our website, telling us in your own words "
    "why you'd be good at this, or drop in to pick up a paper form. Applications close "
    "on Sunday 9 March. Shortlisted people will be invited to spend a morning at the "
    "Hub, followed by a chat with two trustees."
)

BOOK_CLUB_NOTES = (
    "Book club - notes from Tuesday (The Lighthouse Keeper's Daughter)\n"
    "\n"
    "Seven of us this time, Sam joined by video from his sister's.\n"
    "\n"
    "Overall verdict: mixed. Four people loved it, two found it slow, and Anneke "
    'didn\'t finish it (got to page 210, "nothing happened for 80 pages").\n'
    "\n"
    "What people liked: the setting. Everyone agreed the island and the storms felt "
    "real; Joy said she could smell the seaweed. The middle section told from the "
    "mother's letters was the favourite part for most of us. Sam liked that the author "
    "never explains whether the ghost is real.\n"
    "\n"
    "What people didn't like: the ending. Several felt the reunion at the harbour was "
    "rushed after such a slow build-up, and the brother's sudden change of heart "
    "wasn't believable. Marcus thought the modern-day chapters with the granddaughter "
    "added nothing and the book would be better without them. Two people disagreed "
    "strongly, so that took up a good twenty minutes.\n"
    "\n"
    "Best question of the night (from Joy): would the daughter have left the island if "
    "her father had not been injured? We split about evenly.\n"
    "\n"
    "Food: Ruth's lemon cake was gone in ten minutes. Please nobody bring crisps "
    "again, it's hard to hear the person on video.\n"
    "\n"
    "Next month: we're reading a non-fiction one for a change, the history of the "
    "London sewers. Hosting at Marcus's. Date to be confirmed in the group chat, "
    "probably the 18th."
)

THEATRE_REVIEW = (
    "A Doll's House, Playhouse Studio - three stars\n"
    "\n"
    "Ibsen's play about a wife who finally walks out on her husband and children still "
    "had the power to start an argument in the bar afterwards, which is a good sign. "
    "This new production, directed by Femi Adewale, moves the action to a 1980s "
    "suburban bungalow with a glowing television and a fondue set, and for the first "
    "half the change works well. The Helmer household's obsession with appearances and "
    "money looks very much at home among the shoulder pads.\n"
    "\n"
    "Lara Quinn is excellent as Nora. She plays the early scenes not as a silly doll "
    "but as a woman who has learned to perform silliness because it works, and you can "
    "see her calculating behind the giggle. When she dances the tarantella, in a "
    "leotard and leg warmers to a synthesiser version of the music, it is funny and "
    "frightening at the same time.\n"
    "\n"
    "The production is less sure of itself after the interval. Daniel Marsh's Torvald "
    "is so obviously unpleasant from the start that the final confrontation loses "
    "tension; we never believe Nora could have loved him. The decision to have Nora "
    "address her last speech directly to the audience, with the house lights up, felt "
    "like a lecture.\n"
    "\n"
    "The design is clever, though the revolving set is noisy and covered some lines on "
    "the night I attended. At two hours forty minutes with one interval, it is also "
    "too long. Still, for Quinn's performance alone it is worth seeing. Runs until 22 "
    "June."
)

CAR_RECALL = (
    "IMPORTANT SAFETY RECALL - Please read carefully\n"
    "\n"
    "Vehicle: Corvan Terra (petrol and hybrid), built between 1 March and 30 September "
    "of last year.\n"
    "\n"
    "The problem: On some vehicles, the bolts that attach the front passenger seat to "
    "its frame may not have been tightened to the correct torque at the factory. Over "
    "time they could loosen. In a crash, a loose seat may not hold the passenger in "
    "the correct position, which increases the risk of injury. We have not received "
    "any reports of accidents or injuries related to this issue.\n"
    "\n"
    "What we will do: Your dealer will inspect the seat bolts and tighten or replace "
    "them. The work takes about 45 minutes and is free of charge, including parts and "
    "labour. If you have already paid for a repair to fix this problem, you can claim "
    "a refund by sending the invoice to the address below.\n"
    "\n"
    "What you should do: Contact any authorised Corvan dealer to book an appointment "
    "as soon as possible. Please bring this letter and your vehicle registration "
    "document. Until the inspection, we recommend that passengers sit in the rear seat "
    "when possible. If you notice that the front passenger seat moves or rattles, do "
    "not use it.\n"
    "\n"
    "If you no longer own this vehicle, please return the enclosed form with the new "
    "owner's details if you know them.\n"
    "\n"
    "You can check whether your car is affected by entering your vehicle "
    "identification number on our website. Customer line: open Monday to Saturday, 8 "
    "a.m. to 8 p.m."
)

WILDFIRE_EVAC = (
    "EVACUATION WARNING - Pine Hollow and Cedar Flats, issued 14:20 Tuesday\n"
    "\n"
    "The Ridge Road fire has grown to about 1,900 hectares and is moving east, pushed "
    "by winds of 30 to 45 km/h. It is currently about 8 km west of Pine Hollow. Fire "
    "crews and four aircraft are working on the northern edge.\n"
    "\n"
    "Residents of Pine Hollow and Cedar Flats are under an EVACUATION WARNING. This is "
    "not yet an order. Be ready to leave at short notice. If you need extra time to "
    "leave, for example because you have mobility problems, young children or large "
    "animals, leave NOW.\n"
    "\n"
    "Residents of the Sawmill Creek area (north of Highway 12 between mile markers 40 "
    "and 46) are under an EVACUATION ORDER. Leave immediately.\n"
    "\n"
    "Where to go: An evacuation centre is open at Valley High School, 300 Orchard "
    "Avenue. Small pets in carriers are welcome. Large animals can be taken to the "
    "county fairgrounds.\n"
    "\n"
    "Roads: Highway 12 is closed westbound at Cedar Flats. Use Old Mill Road to head "
    "east. Do not drive towards the fire to look at it; you will block emergency "
    "vehicles.\n"
    "\n"
    "What to take: medicines, documents, phone chargers, water, and clothing for "
    "several days. Close all windows and doors, but leave them unlocked. Turn off gas "
    "at the meter if you have time. Leave outside lights on so crews can see your home "
    "through smoke.\n"
    "\n"
    "Air quality is very unhealthy across the valley. People with asthma or heart "
    "conditions should stay indoors with windows closed. Updates every two hours on "
    "the county website and local radio 96.4 FM."
)

TARDIGRADES = (
    "Tardigrades, often called water bears or moss piglets, are animals about half a "
    "millimetre long with eight stubby legs ending in claws. Around 1,400 species are "
    "known, and they live almost everywhere: in moss and lichen on walls, in leaf "
    "litter, in the sea and in Antarctic lakes.\n"
    "\n"
    "Their fame comes from their toughness. When the moss they live in dries out, many "
    "tardigrades pull in their legs, lose almost all their water and curl up into a "
    "dry ball called a tun. In this state their metabolism becomes almost "
    "undetectable. Tuns have survived being heated to 150 °C for a few minutes, cooled "
    "close to absolute zero, and exposed to radiation doses hundreds of times higher "
    "than would kill a human. In 2007 dried tardigrades were sent into orbit on the "
    "outside of a satellite, and some survived ten days of vacuum and cosmic "
    "radiation.\n"
    "\n"
    "Scientists are still working out how they do it. Some species produce sugars such "
    "as trehalose that form a glass-like layer around their cells. Others make unique "
    "proteins that turn into a gel as the animal dries, holding other molecules in "
    "place. One protein, called Dsup, binds to DNA and seems to protect it from "
    "radiation damage; when researchers added it to human cells in the lab, the cells "
    "suffered less DNA damage from X-rays.\n"
    "\n"
    "It is important not to exaggerate. Tardigrades are not immortal, and active, wet "
    "tardigrades are quite fragile. Most survive only a few months to a couple of "
    "years. Their super-powers only work in the dried state, and only if they dry out "
    "slowly."
)

COFFEE_COOP = (
    "The Cooperativa Alto Verde was founded in 1987 by 23 small coffee farmers in the "
    "hills above the town of San Isidro. Before that, each family sold its coffee "
    "cherries to travelling buyers, known locally as coyotes, who set the price on the "
    "spot. Farmers had no way of checking world prices and often sold below the cost "
    "of production.\n"
    "\n"
    "The founders pooled money to buy a shared wet mill, where cherries are pulped, "
    "fermented and washed. Processing the coffee themselves meant they could sell "
    "dried green beans, which keep for months, instead of cherries, which must be sold "
    "within a day. This gave them time to negotiate.\n"
    "\n"
    "The early years were difficult. A fall in world prices in 1989 almost bankrupted "
    "the group, and several members left. Those who stayed survived by selling to a "
    "church-based importer in Europe that paid a fixed minimum price. In 1999 the "
    "cooperative obtained organic certification, which took three years of converting "
    "farms and cost many members part of their harvest.\n"
    "\n"
    "Today Alto Verde has 410 member families and exports about 40 containers a year, "
    "mostly to Germany, Japan and the United States. A share of every sale goes into a "
    "social fund that has paid for a clinic, scholarships for 120 students and a "
    "rainwater storage project. Women now make up 38% of members, up from two at the "
    "founding.\n"
    "\n"
    "The cooperative faces new challenges: a fungal disease called leaf rust destroyed "
    "a third of the 2013 harvest, and rising temperatures are pushing good "
    "coffee-growing land higher up the mountains."
)

LAB_MOVE_EMAIL = (
    "Subject: Lab move to the Lister Building - what you need to do\n"
    "\n"
    "Dear all,\n"
    "\n"
    "As you know, our group moves from the third floor of the old Chemistry block to "
    "rooms 2.14-2.18 of the new Lister Building during the week of 16 June. Here is "
    "the plan.\n"
    "\n"
    "Until 6 June: everyone please go through your bench, shelves and freezer boxes. "
    "Anything without a clear label and owner will be thrown away. Hazardous waste "
    "collection is on 5 June, so old solvents must be in the waste store by then.\n"
    "\n"
    "9-13 June: packing. Crates and labels are in the corridor. Each crate must show "
    "your name, the new room number and whether it contains chemicals. Chemicals are "
    "moved by the specialist contractor, not by us; please do not carry them in your "
    "own car.\n"
    "\n"
    "16-18 June: the -80 freezers move on Monday morning. Samples go into the backup "
    "freezer in the Biochemistry department overnight on Sunday. Dry ice will be "
    "delivered on Sunday at 16:00; Tomasz and Lea have agreed to be there.\n"
    "\n"
    "From 19 June: the new lab is ready for unpacking, but the fume hoods will not be "
    "certified until 23 June, so no work with volatile compounds before then. The mass "
    "spectrometer needs recalibrating after the move and will not be available until "
    "early July.\n"
    "\n"
    "Please plan experiments accordingly. Anyone with a thesis deadline in July, come "
    "and talk to me this week so that we can find a solution.\n"
    "\n"
    "Thanks for your patience,\n"
    "Helen"
)

CROWDFUND_UPDATE = (
    "Backer update #14 - Delivery news for Lanterns of Vell\n"
    "\n"
    "Hi everyone,\n"
    "\n"
    "Let's start with the question you've all been asking: when will you get your "
    "game? The short answer is that the first copies will arrive in backers' homes in "
    "late October, about seven weeks later than we promised. We are really sorry.\n"
    "\n"
    "What happened: the factory found that the colours of the printed map board did "
    "not match the proofs we approved; the dark blue of the sea came out almost black, "
    "which made the lantern symbols hard to see. We decided to reprint rather than "
    "ship something we're not proud of. The reprint added three weeks. Then the ship "
    "carrying the European copies was delayed by a further four weeks because of "
    "congestion at the port.\n"
    "\n"
    "The good news: the game looks fantastic. The wooden lanterns came out better than "
    'the samples, and the expansion "Tides of Vell", which was a stretch goal, is '
    "finished and will ship in the same box at no extra cost.\n"
    "\n"
    "Shipping order: North America in early October, Europe in late October, Australia "
    "and New Zealand in November. You will get an e-mail with a tracking number when "
    "your parcel leaves the warehouse.\n"
    "\n"
    "If you have moved, please update your address in the pledge manager by 15 "
    "September. After that date we can't change it.\n"
    "\n"
    "Thank you for your patience and support. We'll be running a live play-through on "
    "the 20th; come and ask us anything.\n"
    "\n"
    "Mira and Jonas"
)

ELEVATOR_INCIDENT = (
    "Incident report: lift 2 out of service, Harbourview Tower\n"
    "\n"
    "Date: 3 February. Reported by: building manager, S. Adjei.\n"
    "\n"
    "Summary: At 08:12, lift 2 stopped between the 9th and 10th floors with four "
    "occupants inside. The alarm button connected the occupants to the lift company's "
    "call centre within 30 seconds. An engineer arrived at 08:51 and released the "
    "occupants at 09:04, after 52 minutes. No one was injured. One occupant felt faint "
    "and was checked by a first aider in the lobby; she did not need further "
    "treatment.\n"
    "\n"
    "Cause: The engineer found that a door lock sensor on the 10th floor had failed, "
    "so the control system believed a landing door was open and stopped the lift for "
    "safety. The sensor was replaced the same day. Lift 2 returned to service at 15:30 "
    "after testing.\n"
    "\n"
    "Contributing factors: This is the third stoppage of lift 2 since November. The "
    "previous two were caused by a faulty door motor and by a power interruption "
    "during electrical works. Lift 1 was already out of service for planned "
    "modernisation, so during the incident the building had no working passenger lift, "
    "and two residents who use wheelchairs could not leave their flats until the "
    "afternoon.\n"
    "\n"
    "Actions:\n"
    "1. The lift company will inspect all landing door sensors in both lifts by 17 "
    "February.\n"
    "2. Modernisation of lift 1 will be completed before any work on lift 2 begins.\n"
    "3. The building manager will keep a list of residents who need help in a lift "
    "outage and contact them directly.\n"
    "4. A review of the maintenance contract will be discussed at the March residents' "
    "meeting."
)

ASTEROID_PROBE = (
    "A small spacecraft launched three years ago has arrived at the near-Earth "
    "asteroid 2011 KR9, becoming the first mission to visit a so-called rubble-pile "
    "asteroid of its type up close. Mission controllers confirmed on Monday that the "
    "probe, named Piri, entered a stable orbit about 6 kilometres above the surface "
    "after a series of engine burns over the past month.\n"
    "\n"
    "The first images show an object shaped roughly like a spinning top, about 450 "
    "metres wide, covered in boulders, with almost no fine dust. Scientists believe it "
    "is a loose pile of rocks held together by its own weak gravity rather than a "
    "single solid body, and that it formed from the debris of a collision between "
    "larger asteroids.\n"
    "\n"
    "Over the next 14 months the probe will map the surface, measure the asteroid's "
    "mass and density and study how sunlight slowly changes its spin. In the second "
    "half of next year, it is scheduled to touch the surface for a few seconds to "
    "collect a sample of at most 100 grams, which will be returned to Earth in a "
    "capsule in 2031.\n"
    "\n"
    "The mission cost about 310 million dollars, a fraction of earlier sample-return "
    "missions, partly because it reuses designs from previous spacecraft. Engineers "
    "faced a setback last year when one of the probe's four reaction wheels, used to "
    "point it, failed. The team has uploaded new software that controls the probe with "
    "the three remaining wheels and small thrusters.\n"
    "\n"
    "Understanding rubble piles matters for planetary defence: if such an asteroid "
    "were ever on a collision course, pushing it could break it apart rather than "
    "deflect it."
)

MANX_REVIVAL = (
    "The last person to have learned Manx Gaelic as a first language in the "
    "traditional way, Ned Maddrell, died in 1974. For a while, the language of the "
    "Isle of Man was described as extinct. Today, around 2,000 people on the island "
    "say they can speak some Manx, and a small number of children are again growing up "
    "with it at home.\n"
    "\n"
    "The revival began with enthusiasts who had recorded the last native speakers in "
    "the mid-twentieth century, often on heavy tape machines lent by the Irish "
    "Folklore Commission. Those recordings, together with older written texts "
    "including an eighteenth-century Bible translation, allowed learners to "
    "reconstruct pronunciation and grammar.\n"
    "\n"
    "A turning point came in 2001, when a group of parents opened a Manx-medium "
    "primary school, the Bunscoill Ghaelgagh, with nine pupils. Children there are "
    "taught entirely in Manx until they are about seven, when English is introduced. "
    "The school now has more than 60 pupils, and studies have found that its pupils do "
    "as well in English and maths as children in English-medium schools.\n"
    "\n"
    "Manx is also more visible in public life. Road signs are bilingual, laws are "
    "still proclaimed in both languages at the annual open-air Tynwald ceremony, and "
    "the island's government employs a Manx language officer. There are adult evening "
    "classes, a children's television programme and online courses.\n"
    "\n"
    "Challenges remain. Few adults use Manx at work, and learners often have few "
    "people to speak it with outside classes. Supporters say the aim is not to replace "
    "English but to make Manx a normal part of life on the island again."
)

KNEE_DISCHARGE = (
    "Discharge information after knee arthroscopy\n"
    "\n"
    "You have had keyhole surgery on your knee. This leaflet explains what to expect "
    "over the next few weeks. Please also follow any specific instructions your "
    "surgeon has given you.\n"
    "\n"
    "Pain and swelling: Some pain, swelling and bruising are normal. Take the "
    "painkillers you were given regularly for the first three days rather than waiting "
    "for the pain to get bad. Rest with your leg raised higher than your hip and put "
    "an ice pack wrapped in a towel on the knee for 15-20 minutes, four times a day.\n"
    "\n"
    "Dressings: Keep the dressings dry and in place for five days. You can shower with "
    "a waterproof cover. Do not have a bath or go swimming until the wounds have "
    "healed, usually after 10-14 days. Stitches, if you have them, will be removed at "
    "your GP practice after 10-12 days.\n"
    "\n"
    "Moving: Start the exercises from the physiotherapist on the day after surgery. "
    "Use crutches for as long as you need them, usually a few days. Most people can "
    "return to office work within a week, and to manual work or sport after four to "
    "six weeks.\n"
    "\n"
    "Driving: Do not drive until you can bend your knee comfortably and could do an "
    "emergency stop, and for at least 48 hours after a general anaesthetic. Check with "
    "your insurer.\n"
    "\n"
    "When to get help: Call the ward or go to your nearest emergency department if you "
    "have a temperature over 38 °C, pus or increasing redness around the wounds, or "
    "pain and swelling in your calf, or if you become short of breath. These can be "
    "signs of infection or a blood clot."
)

COMPOST_GUIDE = (
    "Getting started with compost\n"
    "\n"
    "A compost heap turns kitchen and garden waste into a dark, crumbly soil improver "
    "in six to twelve months. It needs four things: green material, brown material, "
    "air and moisture.\n"
    "\n"
    "Greens are soft, wet and rich in nitrogen: vegetable peelings, fruit scraps, "
    "coffee grounds, tea bags without plastic, and fresh grass clippings. Browns are "
    "dry and rich in carbon: cardboard torn into pieces, egg boxes, dry leaves, straw "
    "and small twigs. Aim for roughly equal volumes of each. Too many greens make a "
    "smelly, slimy heap; too many browns make one that never seems to rot.\n"
    "\n"
    "Do not add meat, fish, dairy or cooked food, which attract rats, and leave out "
    "diseased plants, perennial weeds with roots such as bindweed, and dog or cat "
    "waste.\n"
    "\n"
    "Put the bin on bare soil in a spot that is partly shaded, so worms and other "
    "creatures can move in from below. Add material in layers and turn the heap with a "
    "fork every few weeks to let air in; this speeds things up a great deal. The heap "
    "should be as damp as a wrung-out sponge. If it is dry, water it; if it is wet, "
    "add more cardboard.\n"
    "\n"
    "In a well-managed heap the middle can get quite warm, even up to 60 °C, which "
    "helps to kill weed seeds. Most garden heaps are cooler, which is fine but "
    "slower.\n"
    "\n"
    "Compost is ready when it is dark, smells like a forest floor and you can no "
    "longer recognise what went in, except perhaps for a few eggshells. Spread it on "
    "beds in spring or mix it with soil for pots."
)

FESTIVAL_CANCELLED = (
    "Organisers of the Brackenfield music festival cancelled the final day of the "
    "event on Sunday morning after overnight storms flooded parts of the site and "
    "brought down a lighting tower near the second stage. No one was hurt when the "
    "tower fell shortly after 2 a.m., when the area was empty.\n"
    "\n"
    "About 23,000 people attended on Friday and Saturday. Campers were told at 7 a.m. "
    "to pack up and leave by midday, and shuttle buses to the railway station ran "
    "every ten minutes. Long queues formed at the car park exits, where tractors had "
    "to tow dozens of cars out of the mud; some visitors reported waiting more than "
    "four hours.\n"
    "\n"
    "Sunday's line-up had included the headliners Glass Harbour and the folk singer "
    "Maeve Daly, whose set was to be her last before a long break. Daly later posted a "
    'short acoustic performance from her hotel room "for everyone stuck in the car '
    'park".\n'
    "\n"
    "The festival said that ticket holders for Sunday only will get a full refund "
    "automatically within 14 days. Holders of weekend tickets will receive a partial "
    "refund of 35 per cent. Some fans argued online that this was too little, since "
    "Sunday had the biggest names.\n"
    "\n"
    "Local residents had complained in previous years about traffic and noise, and the "
    "council's licensing committee is due to review the festival's licence in the "
    'autumn. A council spokesperson said the cancellation "appears to have been '
    "handled responsibly\" but that the review would look at the site's drainage and "
    "the exit plan."
)

PRIVACY_EXCERPT = (
    "Privacy notice (extract) - Fernleaf loyalty programme\n"
    "\n"
    "What we collect. When you join Fernleaf, we collect your name, e-mail address, "
    "postcode and date of birth. Each time you scan your card or app, we record what "
    "you bought, the store, the date and time and how much you paid. If you use our "
    "app, we also collect your device type and, only if you allow it, your location "
    "while the app is open.\n"
    "\n"
    "Why we use it. We use your purchase history to give you personalised offers and "
    "coupons, to manage your points, and to understand shopping trends in our stores. "
    "We use your date of birth to send a birthday voucher and to check that you are "
    "old enough to buy age-restricted products with offers. We use location, if you "
    "have allowed it, to show offers from the nearest store.\n"
    "\n"
    "Sharing. We do not sell your personal data. We share data with companies that "
    "provide services to us, such as our e-mail provider and IT hosting company, under "
    "contracts that require them to protect it. We share aggregated data, which does "
    'not identify you, with product suppliers, for example "sales of oat milk in the '
    'north-west rose 12%".\n'
    "\n"
    "How long we keep it. Purchase records are kept for as long as you are a member "
    "and for 24 months after your last activity. After that your account is closed and "
    "the data is deleted or made anonymous.\n"
    "\n"
    "Your choices. You can turn off personalised offers in the app at any time while "
    "staying a member; you will still collect points. You can ask for a copy of your "
    "data, or for it to be corrected or deleted, by writing to "
    "privacy@fernleaf.example."
)

POTHOLE_CALLIN = (
    "PRESENTER: ...and we're back. This morning we're talking about the state of the "
    "roads, and the lines are busy. Geoff in Thornbury, you're on the air.\n"
    "\n"
    "GEOFF: Morning. I've lived on Quarry Lane for twenty years and I've never seen it "
    "this bad. There's a pothole outside number 40 that's been there since January. I "
    "reported it online in February, got an automatic e-mail, and nothing. Last week a "
    "lad on a delivery bike came off there.\n"
    "\n"
    "PRESENTER: Was he hurt?\n"
    "\n"
    "GEOFF: Scraped his arm, bent his wheel. He was lucky.\n"
    "\n"
    "PRESENTER: Thanks Geoff. We did ask the county council for a response. They told "
    "us they have repaired 11,400 potholes since October, more than last year, and "
    "that reports are prioritised by depth and by the kind of road, with main routes "
    "first. Anything deeper than 40 millimetres on a main road should be fixed within "
    "24 hours. Let's go to Shirin in Alderley.\n"
    "\n"
    "SHIRIN: Hi. I just want to say, the problem is the patching. They came and filled "
    "the one on our road in March and it was back by May, because they just throw "
    "tarmac in the hole. Do it properly once.\n"
    "\n"
    'PRESENTER: The council says it\'s moving to what it calls "right first time" '
    "repairs, cutting out a square around the hole and sealing the edges, but that "
    "takes longer per hole.\n"
    "\n"
    "SHIRIN: Well, good. And can they tell us when they're coming? We had cones on our "
    "street for three weeks with nobody working.\n"
    "\n"
    "PRESENTER: Worth raising. If you've got a road you'd like us to look at, send a "
    "photo to the usual number. After the news, we'll hear from a cyclists' group."
)

BRUTALISM_ESSAY = (
    "Few architectural styles divide opinion like brutalism. The label has nothing to "
    "do with brutality: it comes from béton brut, French for concrete left bare, the "
    "material that kept the marks of its wooden formwork that defined many of these "
    "buildings. Between the 1950s and the late 1970s brutalist libraries, "
    "universities, theatres, housing estates and town halls went up across Europe, the "
    "Americas and beyond, often as public projects meant to express a confident, "
    "egalitarian post-war state.\n"
    "\n"
    "By the 1990s many of these buildings were in poor condition. Concrete stained "
    "badly in wet climates, flat roofs leaked, and heating systems designed for cheap "
    "energy became expensive to run. Some estates became associated with crime and "
    "neglect, and the style itself was blamed for social problems that had more to do "
    "with underinvestment and poor management. Several well-known brutalist buildings "
    "were demolished, often after campaigns that failed to save them.\n"
    "\n"
    "Yet in the last fifteen years the style has found new admirers. Photographs of "
    "its bold shapes circulate widely online, books celebrate it, and younger people "
    "who did not grow up with the stained versions see sculpture where their parents "
    "saw ugliness. Some buildings have been listed for protection and carefully "
    "restored, with their concrete cleaned and their windows replaced.\n"
    "\n"
    "Preservation raises difficult questions. Restoring a large concrete building to "
    "modern energy standards can cost more than replacing it, though demolition throws "
    "away the carbon already spent making the concrete. Should a building be kept "
    "because of its historical value even if the people who use it dislike it? The "
    "answer is likely to differ from building to building."
)

VINEYARD_FROST = (
    "Growers across the valley are counting the cost after two nights of hard frost "
    "last week destroyed a large share of the year's young grape shoots. Temperatures "
    "fell to -4 °C in low-lying vineyards in the early hours of Wednesday and "
    "Thursday, three weeks after an unusually warm March had pushed the vines into "
    "early bud-burst.\n"
    "\n"
    "\"The buds were open and the first leaves were out. At that stage they can't take "
    'anything below about minus one," said Elena Varga, whose family farms 18 '
    "hectares near the river. She estimates she has lost 60 to 70 per cent of this "
    "year's crop on her lower plots, while vines on the hillside, where cold air "
    "drains away, were mostly spared.\n"
    "\n"
    "Some growers fought the frost through the night. Larger estates used wind "
    "machines, which mix warmer air from above into the cold layer near the ground, "
    "and a few lit candles or small burners between the rows. Others sprayed water on "
    "the vines, which releases heat as it freezes and can protect the buds inside a "
    "coat of ice, though this needs large amounts of water. Smaller growers said they "
    "could not afford such methods.\n"
    "\n"
    "Vines may produce secondary shoots in the coming weeks, but these usually give a "
    "much smaller crop of lower quality.\n"
    "\n"
    "The regional winegrowers' association has asked the government to declare an "
    "agricultural emergency, which would allow affected farms to apply for "
    "compensation. Frost insurance is available but few small growers take it out "
    "because premiums have risen sharply after similar frosts in three of the past "
    "eight years."
)

CODE_REVIEW_THREAD = (
    "Pull request #482: Cache user permissions in Redis\n"
    "\n"
    "anja-k (author): This PR caches the result of get_permissions(user_id) in Redis "
    "for 10 minutes. On the admin dashboard we call it up to 40 times per page load, "
    "and each call runs three joins. In staging this cut median page load from 1.9 s "
    "to 0.6 s.\n"
    "\n"
    "dmitri-p: Nice numbers. What happens when an admin removes someone's role? With a "
    "10 minute TTL they'd keep access for up to 10 minutes after being removed. For "
    "most things that's fine, but not for the billing pages.\n"
    "\n"
    "anja-k: Good point. I could delete the cache key in update_roles() when roles "
    "change.\n"
    "\n"
    "dmitri-p: That covers the normal path, but roles are also changed by the nightly "
    "sync from the HR system, which writes straight to the database. That job wouldn't "
    "clear anything.\n"
    "\n"
    "sam-w: Could we do both? Invalidate in update_roles(), and have the sync job "
    "publish the user ids it changed so we drop those keys. And keep a shorter TTL, "
    "say 60 seconds, as a safety net.\n"
    "\n"
    "anja-k: 60 s still gives most of the benefit since a page makes all its calls "
    "within a second or two. I'll add the invalidation and change the TTL. Also going "
    "to add a metric for cache hit rate.\n"
    "\n"
    "dmitri-p: One more thing: if Redis is down, the current code raises and the page "
    "fails. It should fall back to the database.\n"
    "\n"
    "anja-k: Agreed, will wrap it and log a warning instead.\n"
    "\n"
    "sam-w: Approve once those are in. Please also add a test that the key is cleared "
    "when roles change."
)

NEIGHBOURHOOD_NEWSLETTER = (
    "The Elm Street Echo - April\n"
    "\n"
    "Spring clean-up day. Thank you to the 47 neighbours who turned out on 23 March. "
    "We filled 63 bags of litter, cleared the brambles from the footpath behind the "
    "allotments and repainted the two benches by the pond. Special thanks to the "
    "Greenhill Scouts, who found a shopping trolley, a car tyre and, for reasons "
    "nobody can explain, a toilet seat in the pond.\n"
    "\n"
    "Street party. Planning has started for the summer street party on Saturday 12 "
    "July. We need a road closure application, which costs £45 and must be made eight "
    "weeks in advance, so we'll submit it by 17 May. We also need volunteers for the "
    "barbecue, a children's games area and someone with a gazebo. Reply to this "
    "newsletter or talk to Bernie at number 22.\n"
    "\n"
    "Speeding. Several residents have raised concerns about cars speeding at the "
    "bottom of the street, where it joins Mill Road. Two councillors will attend our "
    "next meeting to discuss options, including a speed survey and possibly a 20 mph "
    "limit.\n"
    "\n"
    "Little library. The book-swap box outside number 9 is going very well, perhaps "
    "too well: please don't leave boxes of old encyclopaedias next to it when it's "
    "full. Children's books are particularly welcome.\n"
    "\n"
    "Lost and found. A grey tabby cat with a white front and a blue collar has been "
    "visiting several gardens on the east side. If he's yours, he's well fed.\n"
    "\n"
    "Next residents' meeting: Thursday 8 May, 7:30 pm, at the community hall. Everyone "
    "is welcome, and there will be biscuits."
)

PORT_DELAY_NOTICE = (
    "Notice to customers: delivery delays, May-June\n"
    "\n"
    "Dear customer,\n"
    "\n"
    "We are writing to let you know about delays affecting orders placed since the "
    "middle of April.\n"
    "\n"
    "Most of our ceramic tiles are produced in our partner factories abroad and "
    "shipped in containers to the port of Felixstowe. Over the past four weeks, "
    "congestion at the port, caused by a combination of industrial action by dock "
    "workers and an unusually high number of ships arriving at once after bad weather "
    "in the Channel, has meant containers are waiting an average of eleven days to be "
    "unloaded, against the usual two.\n"
    "\n"
    "What this means for you: orders of tiles from the Atelier and Terra collections "
    "that were due to be delivered in May will now arrive between two and four weeks "
    "later than the date on your order confirmation. Adhesives, grout, tools and the "
    "Studio range, which are made in the UK, are not affected.\n"
    "\n"
    "We will e-mail every affected customer with a new estimated delivery date by "
    "Friday. If the new date does not work for you, for example because you have "
    "booked a tiler, you can:\n"
    "- cancel the affected items for a full refund, including delivery charges;\n"
    "- swap to a similar tile from the Studio range, which we can deliver within five "
    "working days, with any price difference refunded; or\n"
    "- keep your order and receive a £25 voucher for your next purchase.\n"
    "\n"
    "We are very sorry for the disruption. We have booked additional capacity through "
    "the port of Southampton for June, which we expect to shorten delays for later "
    "orders.\n"
    "\n"
    "Customer services\n"
    "Marlow Tile Company"
)

PASSAGES: dict[str, str] = {
    "LIBRARY_HOURS": LIBRARY_HOURS,
    "KAYAK_RENTAL_TERMS": KAYAK_RENTAL_TERMS,
    "KIMCHI_RECIPE": KIMCHI_RECIPE,
    "MICROPLASTICS_ABSTRACT": MICROPLASTICS_ABSTRACT,
    "DRONE_MANUAL": DRONE_MANUAL,
    "HOA_MINUTES": HOA_MINUTES,
    "VOLUNTEER_EMAILS": VOLUNTEER_EMAILS,
    "BEEKEEPING_FORUM": BEEKEEPING_FORUM,
    "HEADPHONE_REVIEW": HEADPHONE_REVIEW,
    "ICELAND_ROADTRIP": ICELAND_ROADTRIP,
    "YNES_MEXIA": YNES_MEXIA,
    "GYM_FAQ": GYM_FAQ,
    "REMOTE_WORK_POLICY": REMOTE_WORK_POLICY,
    "POTTER_INTERVIEW": POTTER_INTERVIEW,
    "NOTES_APP_CHANGELOG": NOTES_APP_CHANGELOG,
    "WEBHOOK_DOCS": WEBHOOK_DOCS,
    "PET_VACCINE_NOTICE": PET_VACCINE_NOTICE,
    "HACKATHON_AGENDA": HACKATHON_AGENDA,
    "SALES_REPORT": SALES_REPORT,
    "GLACIER_RETREAT": GLACIER_RETREAT,
    "TRAIN_COMPENSATION": TRAIN_COMPENSATION,
    "NOISE_LETTER": NOISE_LETTER,
    "TREE_PLANTING_PLAN": TREE_PLANTING_PLAN,
    "PAPER_HISTORY": PAPER_HISTORY,
    "FOOTBALL_REPORT": FOOTBALL_REPORT,
    "ISP_SUPPORT_CHAT": ISP_SUPPORT_CHAT,
    "SOLAR_QUOTE": SOLAR_QUOTE,
    "LUNCH_SURVEY": LUNCH_SURVEY,
    "JOB_POSTING": JOB_POSTING,
    "BOOK_CLUB_NOTES": BOOK_CLUB_NOTES,
    "THEATRE_REVIEW": THEATRE_REVIEW,
    "CAR_RECALL": CAR_RECALL,
    "WILDFIRE_EVAC": WILDFIRE_EVAC,
    "TARDIGRADES": TARDIGRADES,
    "COFFEE_COOP": COFFEE_COOP,
    "LAB_MOVE_EMAIL": LAB_MOVE_EMAIL,
    "CROWDFUND_UPDATE": CROWDFUND_UPDATE,
    "ELEVATOR_INCIDENT": ELEVATOR_INCIDENT,
    "ASTEROID_PROBE": ASTEROID_PROBE,
    "MANX_REVIVAL": MANX_REVIVAL,
    "KNEE_DISCHARGE": KNEE_DISCHARGE,
    "COMPOST_GUIDE": COMPOST_GUIDE,
    "FESTIVAL_CANCELLED": FESTIVAL_CANCELLED,
    "PRIVACY_EXCERPT": PRIVACY_EXCERPT,
    "POTHOLE_CALLIN": POTHOLE_CALLIN,
    "BRUTALISM_ESSAY": BRUTALISM_ESSAY,
    "VINEYARD_FROST": VINEYARD_FROST,
    "CODE_REVIEW_THREAD": CODE_REVIEW_THREAD,
    "NEIGHBOURHOOD_NEWSLETTER": NEIGHBOURHOOD_NEWSLETTER,
    "PORT_DELAY_NOTICE": PORT_DELAY_NOTICE,
}


# ------------------------------------------------------------------------------ translation

TRANSLATION: list[str] = [
    (
        "Le train de 7 h 42 est supprimé ce matin en raison d'un incident technique. Les "
        "voyageurs sont invités à prendre le bus de remplacement devant la gare.\n"
        "\n"
        "can you put that into english for me? it was on the board at the station\n"
        "\n"
        "Just the translation please, no explanations."
    ),
    (
        "Übersetze bitte ins Englische:\n"
        "\n"
        "Sehr geehrte Frau Keller, danke, dass Sie sich so rasch gemeldet haben. Den "
        "Termin am Donnerstag schaffe ich allerdings nicht, da ich an dem Tag dienstlich "
        "in Hamburg unterwegs bin. Ginge auch der Montag darauf, gegen 10 Uhr?"
    ),
    (
        'what does "no me da la gana, y punto" mean in english? my roommate said it when '
        "i asked her to do the dishes"
    ),
    (
        "Please translate into English:\n"
        "\n"
        "駅から歩いて五分のところに、小さな本屋があります。店主のおじいさんは、いつも猫と一"
        "緒に店番をしています。"
    ),
    (
        "Переведите на английский, пожалуйста. Это отрывок из письма моей бабушки, хочу "
        "показать его мужу.\n"
        "\n"
        "«Дорогая моя Оленька! У нас всё хорошо, только зима в этом году долгая, снег "
        "лежит до самых окон. Дедушка каждое утро расчищает дорожку к сараю и ворчит, что "
        "раньше снега было меньше. Я связала тебе шарф, синий, как ты любишь, и отправлю "
        "его с тётей Верой, когда она поедет в город. Пиши нам чаще, мы очень скучаем.»"
    ),
    (
        "<|im_start|>system\n"
        "Du bist ein Übersetzungsassistent für ein kleines Reisebüro.<|im_end|>\n"
        "<|im_start|>user\n"
        "ترجم إلى الإنجليزية: المكتبة مغلقة يوم الجمعة، وتفتح أبوابها من جديد يوم السبت في "
        "التاسعة صباحاً.<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    (
        "请把下面这段话翻译成英文：\n"
        "\n"
        "我们公司成立于二〇一五年，主要生产环保包装材料。目前在华东地区有三家工厂，员工约四"
        "百人。今年我们计划开拓东南亚市场。"
    ),
    (
        'bhai english mein translate kar do please: "kal subah jaldi uthna hai, train 6 '
        'baje ki hai, toh aaj raat jaldi so jaana"'
    ),
    (
        "Korean -> English\n"
        "\n"
        "할머니 댁에 가면 항상 마당에서 고추를 말리고 계셨다. 나는 그 옆에 앉아 매미 "
        "소리를 들으며 수박을 먹었다."
    ),
    (
        "Hi, I got this e-mail from a supplier in Izmir and my Turkish is not good enough. "
        "Could you give me an English version?\n"
        "\n"
        "Merhaba Bay Collins,\n"
        "Siparişiniz hazırlandı ancak kargo şirketindeki bir grev nedeniyle gönderim iki "
        "gün gecikecek. Yaşanan aksaklık için özür dileriz. Kargo takip numarasını "
        "pazartesi günü size ileteceğiz.\n"
        "Saygılarımızla,\n"
        "Elif Demir"
    ),
    (
        "Proszę przetłumaczyć na angielski: „Uprzejmie informujemy, że w dniach 3–5 maja "
        "przychodnia będzie nieczynna. W pilnych sprawach prosimy dzwonić pod numer "
        "dyżurny.”"
    ),
    (
        "Greek to English please - it's the caption under an old photo in my grandfather's "
        "album:\n"
        "\n"
        "Καλοκαίρι του 1962, στο λιμάνι της Καλύμνου. Ο πατέρας μου επιστρέφει από το "
        "ψάρεμα με τους φίλους του."
    ),
    ('[INST] "Wie het kleine niet eert, is het grote niet weerd." English? [/INST]'),
    (
        "Translate from Portuguese:\n"
        "\n"
        "Oi, tudo bem? Queria saber se vocês ainda têm aquele apartamento de dois quartos "
        "para alugar perto da praia. Estou procurando algo a partir de janeiro, por uns "
        "seis meses. Aceitam cachorro? Ele é pequeno e muito calmo."
    ),
    (
        'Nisaidie kutafsiri kwa Kiingereza: "Mvua kubwa inatarajiwa kunyesha kesho katika '
        "maeneo ya pwani. Wavuvi wanashauriwa kutokwenda baharini hadi hali ya hewa "
        'itakapotulia."'
    ),
    (
        "Bạn dịch giúp mình sang tiếng Anh nhé:\n"
        "\n"
        "Tiệm bánh mì đầu hẻm mở cửa từ năm giờ sáng. Khách xếp hàng dài, nhưng bà chủ làm "
        "rất nhanh nên chẳng ai phải đợi lâu."
    ),
    (
        "Hebrew → English:\n"
        "אנחנו מזמינים אתכם לחגוג איתנו את יום ההולדת השבעים של סבא. המסיבה תתקיים בגן "
        "הציבורי ביום שישי בצהריים. נא לאשר הגעה עד יום שלישי."
    ),
    (
        "My nonna wrote this on the back of her recipe card and I can't read Italian. What "
        "does it say in English?\n"
        "\n"
        '"Non aprire mai il forno nei primi venti minuti, altrimenti la torta si sgonfia. '
        'E ricordati: il burro deve essere morbido, non sciolto!"'
    ),
    (
        "Käännä englanniksi: Kokous siirtyy ensi viikon tiistaille, koska puheenjohtaja on "
        "sairaana. Esityslista pysyy samana."
    ),
    (
        "این متن را به انگلیسی ترجمه کن:\n"
        "دانشگاه تهران اعلام کرد که کلاس‌های ترم بهار به دلیل آلودگی هوا تا پایان هفته به "
        "صورت آنلاین برگزار می‌شود.\n"
        "فقط ترجمه را بنویس، بدون توضیح."
    ),
    (
        "Tolong terjemahkan ke bahasa Inggris ya. Ini pesan dari pemilik kos saya:\n"
        "\n"
        '"Mulai bulan depan, uang listrik dihitung terpisah dari uang sewa. Setiap kamar '
        "sudah dipasang meteran sendiri. Mohon bayar paling lambat tanggal lima setiap "
        'bulan."'
    ),
    (
        "Dobrý den, potřeboval bych tohle do angličtiny:\n"
        "\n"
        "Vážení zákazníci, z důvodu inventury bude prodejna v pondělí 2. října otevřena až "
        "od 12 hodin. Děkujeme za pochopení."
    ),
    ("ช่วยแปลเป็นภาษาอังกฤษหน่อย: ร้านนี้ปิดทุกวันจันทร์ และรับเฉพาะเงินสดเท่านั้น"),
    (
        "Перекладіть англійською, будь ласка:\n"
        "\n"
        "Шановні мешканці! У четвер з 9:00 до 17:00 у будинку не буде гарячої води через "
        "ремонт труб у підвалі. Просимо вибачення за незручності."
    ),
    (
        "ok so my japanese friend sent me this in romaji and google is being weird about "
        "it, what's it in english?\n"
        "\n"
        '"ashita no nomikai, chotto okureru kamo. shigoto ga owaranakute... saki ni '
        'hajimete te!"'
    ),
    (
        "Translate the following into French, keeping it polite but not too stiff:\n"
        "\n"
        "Hi Claire, thanks so much for having us last weekend. The kids haven't stopped "
        "talking about the boat trip. Next time you're in Leeds, dinner is on us."
    ),
    (
        "Kannst du mir das auf Deutsch übersetzen? Ist für meinen Vermieter.\n"
        "\n"
        "\"The kitchen tap has been dripping for two weeks and it's getting worse. Could "
        "someone come and fix it? I'm home every afternoon after 3 pm.\""
    ),
    ('how do you say "where is the nearest pharmacy? my son has a fever" in spanish'),
    (
        "Render this product description in Italian for our online shop:\n"
        "\n"
        "Hand-stitched leather wallet with six card slots and a coin pocket. Each wallet "
        "is cut from a single hide, so colour and grain vary slightly. Gets softer and "
        "darker with use."
    ),
    (
        "Can you translate this into Brazilian Portuguese? It's for a sign at our "
        "guesthouse.\n"
        "\n"
        "Please do not flush paper down the toilet. Use the bin provided. Thank you!"
    ),
    (
        "I need this in Japanese, formal, it's an apology to a client:\n"
        "\n"
        "We sincerely apologise for the delay in delivering your order. Due to a problem "
        "at our warehouse, the items will arrive on Friday instead of Wednesday. We have "
        "waived the shipping fee for this order."
    ),
    (
        'Human: simplified chinese pls: "Happy Lunar New Year! Wishing you and your '
        'family good health and lots of luck in the year ahead."\n'
        "\n"
        "Assistant:"
    ),
    (
        "Translate into Korean:\n"
        "\n"
        "Entry to the museum costs nothing on the opening Sunday of each month. Large bags "
        "must be left in the lockers near the entrance."
    ),
    (
        "Could you do a Russian version of this message to my neighbour?\n"
        "\n"
        '"Hello Irina, we are going away from the 10th to the 20th. Would you mind '
        "watering our tomatoes every two days? The key is under the blue pot. Thank you "
        'very much!"\n'
        "\n"
        "(Output only the Russian text.)"
    ),
    (
        "We're putting up a notice in our clinic waiting room and about a third of our "
        "patients read Arabic. Please translate:\n"
        "\n"
        "Appointments must be cancelled at least 24 hours in advance. Patients who arrive "
        "more than 15 minutes late may be asked to rebook."
    ),
    (
        'Hindi mein likhiye (Devanagari script): "The school will be closed tomorrow '
        'because of heavy rain. Classes will resume on Monday."'
    ),
    (
        "Turkish translation needed:\n"
        "\n"
        "Your parcel could not be delivered because nobody was home. You can pick it up "
        "from the post office on Atatürk Street after 2 pm tomorrow. Bring this card and "
        "your ID."
    ),
    (
        "Przetłumacz na polski: \"I'm really sorry I missed your call. I was in a meeting "
        'all afternoon. Can we talk tomorrow morning?"'
    ),
    (
        "Dutch please:\n"
        "Dear neighbours, we are having a small party on Saturday evening for our "
        "daughter's eighteenth birthday. We will try to keep the noise down and the music "
        "will stop at midnight. Sorry in advance!"
    ),
    (
        "Översätt till svenska:\n"
        "\n"
        "Welcome to the team! Your first day starts at 9 am at reception on the ground "
        "floor. Please bring your passport and bank details so we can set up your payroll."
    ),
    (
        "I'm writing a birthday card for my Norwegian mother-in-law. How would I write "
        '"Happy 60th birthday! Thank you for always making us feel at home." in '
        "Norwegian (bokmål)?"
    ),
    (
        "### Instruction:\n"
        "Fordítsa le magyarra: The heating in the meeting room is broken, so today's "
        "workshop will take place in room 12 on the second floor.\n"
        "\n"
        "### Response:"
    ),
    (
        "Traduceți în română, vă rog:\n"
        "\n"
        "Thank you for your application. We would like to invite you to an interview on "
        "Tuesday at 11 am at our office in Cluj. Please confirm whether this time suits "
        "you."
    ),
    (
        "Μπορείς να το μεταφράσεις στα ελληνικά; \"We've booked a table for six at eight "
        "o'clock. Could we have one on the terrace, near the sea?\""
    ),
    (
        "into vietnamese:\n"
        "Please keep your ticket until the end of the journey. Inspectors may check "
        "tickets at any time."
    ),
    (
        "Our Indonesian staff will be reading this, so please translate it into Bahasa "
        "Indonesia:\n"
        "\n"
        "From next Monday, the canteen will open at 11:30 instead of 12:00. Lunch vouchers "
        "can now also be used for drinks and snacks."
    ),
    (
        "paki-translate sa Tagalog: \"Don't forget to bring an umbrella, it's going to "
        "rain all afternoon. I'll pick you up at the station at five.\""
    ),
    (
        "Necessito això en català, és per al grup de pares de l'escola:\n"
        "\n"
        "Reminder: the school trip to the aquarium is on Friday. Children should bring a "
        "packed lunch and wear comfortable shoes. The bus leaves at 8:45 sharp."
    ),
    (
        "Please translate to Bengali (Bangla script):\n"
        "\n"
        "Your order has been shipped and should arrive within three working days.\n"
        'Return it as JSON: {"bn": "..."}'
    ),
    (
        "Could you put this into Hebrew? It's for a wedding invitation.\n"
        "\n"
        "Together with their families, Noa and Daniel invite you to celebrate their "
        "wedding on the 14th of June at the Olive Garden Hall. Reception at 7 pm."
    ),
]

# ------------------------------------------------------------------------------ summarization

SUMMARIZATION: list[str] = [
    ("What's the upshot of this article?\n\n" + LIBRARY_HOURS),
    (GLACIER_RETREAT + "\n\nCondense the above into three sentences for a general reader."),
    ("I'm about to rent a kayak and I'm not reading all of this. tl;dr?\n\n" + KAYAK_RENTAL_TERMS),
    ("Give me the headline and a one-line standfirst for this story:\n\n" + FOOTBALL_REPORT),
    (KIMCHI_RECIPE + "\n\ntoo long didn't read - what are the main steps, in short?"),
    (
        "SYSTEM: You are a research assistant who writes plain-language digests of "
        "scientific papers for journalists.\n"
        "USER: Digest this abstract in about 80 words, no jargon.\n"
        "\n" + MICROPLASTICS_ABSTRACT
    ),
    ("brief me on this before my meeting, i have two minutes\n\n" + HOA_MINUTES),
    (
        "Can you recap this email thread? I was added late and just need to know where "
        "things stand.\n"
        "\n" + VOLUNTEER_EMAILS
    ),
    (DRONE_MANUAL + "\n\nBoil this down to the five things a first-time flyer really has to know."),
    (
        "Sum up what the forum people told hollyhive to do, and what she ended up doing.\n"
        "\n" + BEEKEEPING_FORUM
    ),
    (HEADPHONE_REVIEW + "\n\nPros and cons in a few bullets, plus the verdict."),
    (
        "My friend posted this on her travel blog. Give me the short version, like a "
        "paragraph.\n"
        "\n" + ICELAND_ROADTRIP
    ),
    (
        "I'm making slides for a Year 8 lesson on explorers and scientists. Turn this into "
        "speaker notes: 4-6 short bullet points.\n"
        "\n" + YNES_MEXIA
    ),
    (
        GYM_FAQ + "\n"
        "\n"
        "Summarise the key rules a new member should know. Output format: a markdown list, "
        "max 6 items."
    ),
    (
        "Our company just updated this. What changed for an ordinary office employee, in "
        "plain words?\n"
        "\n" + REMOTE_WORK_POLICY
    ),
    ("Write a one-paragraph blurb of this interview for the podcast's episode page.\n\n" + POTTER_INTERVIEW),
    (NOTES_APP_CHANGELOG + "\n\nwhat's new since january? keep it short, im just a user not a dev"),
    ("Give a developer with 30 seconds the essentials of these docs.\n\n" + WEBHOOK_DOCS),
    (
        "Can u make this shorter so I can put it on our practice's Facebook page? Max 60 "
        "words.\n"
        "\n" + PET_VACCINE_NOTICE
    ),
    (HACKATHON_AGENDA + "\n\nIn two or three sentences, what happens over the weekend?"),
    (
        "System: You write crisp summaries for busy executives.\n"
        "User: Executive summary please (3 bullets max), the board doesn't read past the "
        "first page.\n"
        "\n" + SALES_REPORT
    ),
    ("Explain in a nutshell how this compensation scheme works.\n\n" + TRAIN_COMPENSATION),
    (
        NOISE_LETTER + "\n"
        "\n"
        "I got this from my housing association. What are they actually saying? Short "
        "answer please, I'm a bit panicked."
    ),
    ("Précis of the following, please, in no more than 70 words.\n\n" + TREE_PLANTING_PLAN),
    (PAPER_HISTORY + "\n\nReduce this to a short timeline: one line per step, century and place."),
    ("Quick recap of this support chat for the ticket notes:\n\n" + ISP_SUPPORT_CHAT),
    ("Hey, so this is the quote we got for solar panels. What's the gist?\n\n" + SOLAR_QUOTE),
    (LUNCH_SURVEY + "\n\nKey findings and actions, briefly. Format: two short paragraphs."),
    ("tl;dr of this job ad? my sister is thinking of applying\n\n" + JOB_POSTING),
    (
        "<|user|>\n"
        "Shorten these notes so I can send them to the two members who couldn't come.\n"
        "\n" + BOOK_CLUB_NOTES + "\n"
        "<|assistant|>"
    ),
    (THEATRE_REVIEW + "\n\nSum up the critic's view in one sentence."),
    (
        "My dad got this letter about his car. Summarise it so I can read it to him over "
        "the phone.\n"
        "\n" + CAR_RECALL
    ),
    (
        "Condense this warning to a text message (under 300 characters) for the residents' "
        "group:\n"
        "\n" + WILDFIRE_EVAC
    ),
    (
        "<|im_start|>system\n"
        "You help crowdfunding backers keep up with project news.<|im_end|>\n"
        "<|im_start|>user\n" + TARDIGRADES + "\n"
        "\n"
        "What's the takeaway here? A few sentences is fine.<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    ("Résumez brièvement ce texte en anglais, s'il vous plaît (5 lignes max).\n\n" + COFFEE_COOP),
    (
        "Pulled this out of my inbox. What do I need to do and by when? Summarize as a "
        "checklist.\n"
        "\n" + LAB_MOVE_EMAIL
    ),
    (CROWDFUND_UPDATE + "\n\nbacker here. short version??"),
    ("Summarise this incident report for the residents' newsletter, without names.\n\n" + ELEVATOR_INCIDENT),
    (ASTEROID_PROBE + "\n\nWrite a short news brief (about 60 words) based on this."),
    (
        "Could you give me a brief overview of the following article? I'm interested in "
        "minority languages but don't have time to read it all.\n"
        "\n" + MANX_REVIVAL
    ),
    (
        KNEE_DISCHARGE + "\n"
        "\n"
        "My mum had this operation yesterday. Sum up the important bits for the first two "
        "weeks, simply."
    ),
    ("[INST] Recap of this guide in 5 bullets please\n\n" + COMPOST_GUIDE + " [/INST]"),
    ("What happened here? Give me the story in three lines.\n\n" + FESTIVAL_CANCELLED),
    (PRIVACY_EXCERPT + "\n\nShort version: what do they do with my data?"),
    (
        "Please write a summary of this radio segment for the station's website, around "
        "100 words.\n"
        "\n" + POTHOLE_CALLIN
    ),
    (BRUTALISM_ESSAY + "\n\nSummarize the argument of this essay in one paragraph."),
    (
        "### Task\n"
        "Summarise the article below for a wine trade newsletter.\n"
        "### Article\n" + VINEYARD_FROST + "\n"
        "### Length\n"
        "Max 80 words."
    ),
    (
        CODE_REVIEW_THREAD + "\n"
        "\n"
        "Summarize the review: what was decided and what still needs doing before merge?"
    ),
    (
        "Shorten our newsletter to a few lines for the WhatsApp group, keep the dates.\n"
        "\n" + NEIGHBOURHOOD_NEWSLETTER
    ),
    (PORT_DELAY_NOTICE + "\n\nTiler's booked for 2 June. Gist of this, couple of sentences?"),
]

# ------------------------------------------------------------------------------ qa

QA: list[str] = [
    ("Which planet has the shortest day?"),
    ("System: You are a quiz assistant. Be brief.\nUser: who wrote the novel Things Fall Apart"),
    ("Which city is the capital of Tasmania?"),
    ("quick one: how many strings on a cello?"),
    ("When was the Peace of Westphalia signed? Just the year."),
    ("what's the chemical symbol for tungsten"),
    ("In which ocean would you find the Sargasso Sea?"),
    ("Who painted The Persistence of Memory, the one with the melting clocks?"),
    (
        '[{"role": "system", "content": "Answer briefly."}, {"role": "user", '
        '"content": "How many bones are in an adult human body?"}]'
    ),
    ("Which language do most people in Iran speak at home?"),
    ("Which element has atomic number 1? One-word answer."),
    ("my kid insists antarctica counts as a desert. is she right??"),
    ("Which scientist won Nobel Prizes in both physics and chemistry?"),
    ("Which estuary lies between Buenos Aires and Montevideo?"),
    ("Trivia night question - which country hosted the 2016 Summer Olympics?"),
    ("What does the abbreviation RSVP stand for?"),
    ("what currency do they use in switzerland"),
    ("who composed the opera carmen"),
    ("How many players does a water polo team have in the pool at once?"),
    ("What is the freezing point of water in Fahrenheit?"),
    ("Human: Which mountain range separates Europe from Asia?\n\nAssistant:"),
    ("Who directed the film Spirited Away?"),
    ("What's the smallest US state by area?"),
    ("Name the gas that plants absorb from the air for photosynthesis."),
    ("Q: Which Shakespeare play features the characters Rosalind and Orlando?\nA:"),
    ("how tall is mount kilimanjaro roughly - answer in metres and feet"),
    ("[INST] Who invented the telephone? [/INST]"),
    ("In which city is the Alhambra palace?"),
    ("Which metal is liquid at room temperature?"),
    ("What is a normal resting heart rate for an adult, roughly?"),
    ("Hey, random question but who was the Roman god of the sea?"),
    ("What year did the first person walk on the Moon?"),
    ("Which country spans the most time zones once overseas territories are counted?"),
    ("Which instrument did Louis Armstrong famously play?\nAnswer format: <instrument>"),
    ("What's the official language of Ethiopia?"),
    ("Which vitamin does the body make when skin is exposed to sunlight?"),
    ('who is the author of "one hundred years of solitude"'),
    ("What do you call a baby kangaroo?"),
    ("Zanzibar belongs to which country?"),
    ("At what temperature in Celsius does water boil at sea level?"),
    (
        "<|im_start|>system\n"
        "Keep answers to a single line.<|im_end|>\n"
        "<|im_start|>user\n"
        "Who was the prime minister of the UK during most of World War II?<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    ("What is the main ingredient of guacamole?"),
    ("Which programming language was created by Guido van Rossum?"),
    ("How many sides does a hexagon have?"),
    ("Where is the Great Barrier Reef located? Reply in under 20 words."),
    ("Answer in one word: which organ produces insulin?"),
    ("which river flows through baghdad"),
    ("Which galaxy is our solar system part of?"),
    ("Which Chinese dynasty built most of the Great Wall that tourists visit today?"),
    ("I forget - is a tomato botanically a fruit or a vegetable?"),
]

# ------------------------------------------------------------------------------ math_reasoning

MATH_REASONING: list[str] = [
    (
        "At the stationery kiosk Tomás picks up three spiral pads (they're $2.40 apiece) "
        "plus a gel pen marked $1.15. He hands over a ten-dollar note. What should come "
        "back to him?"
    ),
    (
        "A bakery sells muffins in boxes of 6. For a school event, Ms. Patel needs 130 "
        "muffins. How many boxes must she order, and how many muffins will be left over?"
    ),
    (
        "[INST] A train leaves at 9:47 a.m. and arrives at 1:15 p.m. How long is the "
        "journey in hours and minutes? [/INST]"
    ),
    (
        "Right now Lena's age is four times her son's. Two decades from now, she'll be "
        "only double his age. What is Lena's age today?"
    ),
    (
        "our veggie patch measures 12 m by 7.5 m and the fence guy charges 9 dollars per "
        "metre. what will fencing the whole border cost us"
    ),
    (
        "The raincoat I want is £80 full price. This week it's marked down by a quarter, "
        "and at the checkout they knock a further 10% off that reduced figure. Final price?"
    ),
    (
        "Our pizza night came to €47.70. We added a 10% tip and the three of us went "
        "halves... well, thirds. What did each of us chip in?"
    ),
    (
        "My hatchback burns 6.5 L for every 100 km. We're driving 340 km to the coast. How "
        "much fuel will that take?"
    ),
    (
        "Mia reads 18 pages every weekday and 35 pages on each weekend day. How many pages "
        "does she read in two weeks?\n"
        "Respond with just the number."
    ),
    (
        "Five volunteers can repaint the village hall railings in 6 hours. Only three turn "
        "up. Working at the same pace, how long will the job take them?"
    ),
    ("A water tank holds 1,200 litres. It is 3/8 full. How many more litres are needed to fill it?"),
    (
        "My phone plan is $18 a month plus 5 cents per text over 200 texts. Last month I "
        "sent 364 texts. What was my bill?"
    ),
    (
        "In a choir of 32 singers, tenors and basses together compare to sopranos and "
        "altos as 3 to 5. How many sopranos and altos are there?"
    ),
    (
        "My risotto recipe serves four with 300 g of arborio. I'm cooking for ten. Scale "
        "it up for me - how many grams?"
    ),
    (
        "System: You tutor primary-school pupils in maths and never rush them.\n"
        "User: Sam cycles 14 km to work at an average of 21 km/h. How many minutes does "
        "his ride take?"
    ),
    (
        "Word problem for my daughter, I want to check her answer: A farmer has 48 "
        "chickens and 17 cows. How many legs are there altogether?"
    ),
    (
        "A square photo frame measures 36 cm all the way around its edge. How many square "
        "centimetres of picture does it hold?"
    ),
    (
        "Jamal puts $15 into his piggy bank in January, $20 in February, $25 in March, and "
        "keeps adding five more each month. What's in the piggy bank after the June "
        "deposit?"
    ),
    (
        "A shop buys a lamp for $42 and sells it for $63. What is the profit as a "
        "percentage of the cost price? Show your working."
    ),
    (
        "Two support vans leave at noon from towns 300 km apart and drive towards each "
        "other on the same road, one at 80 km/h and one at 70 km/h. At what time do they "
        "pass each other?"
    ),
    ("a marathon is 42.195 km. if i run at 5 min 30 s per km, what's my finish time?"),
    (
        "A tray holds 24 cupcakes. Ana takes a quarter of them. Ben then takes a third of "
        "the remainder. How many cupcakes are still on the tray?"
    ),
    (
        "A cinema ticket costs $12 for adults and $7.50 for children. A family of 2 adults "
        "and 3 children also buys 2 large popcorns at $6.25 each. What's the total?"
    ),
    ("quick sanity check for a script i'm writing - a full week is how many seconds"),
    (
        "A classroom is 9 m by 6 m. Carpet tiles are 50 cm by 50 cm. How many tiles are "
        "needed to cover the floor?"
    ),
    (
        "<|im_start|>system\n"
        "Assistant for a homework help site. Explain briefly.<|im_end|>\n"
        "<|im_start|>user\n"
        "The price of a bus pass rose from $60 to $69. By what percent did it "
        "increase?<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    (
        "Kai and his sister have ages that add up to 25, and Kai was born 3 years before "
        "her. What are their ages?"
    ),
    (
        "Rita's training target today is 1.5 km in the 25-metre pool at her leisure "
        "centre. How many lengths is that?"
    ),
    (
        "A baker uses 2 1/4 cups of flour for one loaf. How much flour does she need for 6 "
        "loaves? Give the answer as a mixed number."
    ),
    (
        "Please solve step by step. A school has 540 students. 45% are in the lower school "
        "and the rest are in the upper school. One third of the upper school students take "
        "the bus. How many upper school students take the bus?"
    ),
    ("If a clock shows 3:00, what is the angle between the hour hand and the minute hand? And at 3:30?"),
    (
        "I've got 7.2 m of climbing cord and want to cut it into 45 cm tie-downs. How many "
        "full tie-downs do I get, and is any cord left over?"
    ),
    (
        "A farm gathers 1,000 eggs each morning and packs them in cartons of a dozen. How "
        "many cartons get filled, and how many loose eggs remain?"
    ),
    (
        "I get $16.50 per hour. My shifts are 7.5 hours, four shifts a week. Over four "
        "weeks, what's my gross pay?"
    ),
    (
        "At dawn the thermometer in Tromsø read -7°C. It climbed 15 degrees by early "
        "afternoon and then dropped 4 degrees again by evening. What did it read in the "
        "evening?"
    ),
    ("A triangle has a base of 10 cm and a height of 6 cm. What is its area?"),
    (
        "Nana just turned 72 and her grandson is 8. After how many more birthdays will her "
        "age be exactly four times his?"
    ),
    (
        "Human: Oliver has 3 times as many marbles as Noah. Together they have 64 marbles. "
        "How many does Oliver have?\n"
        "\n"
        "Assistant:"
    ),
    (
        "My leaky kitchen tap lets out one drop every two seconds, and 20 drops is 1 ml. "
        "Over 24 hours, how much water is lost, in ml?"
    ),
    (
        "We're driving 450 miles. We've done 2/5 of it. How many miles are left, and if we "
        "average 60 mph, how long will that take?"
    ),
    (
        "Single pencils are 35 cents; a box of a dozen is $3.60. What's the saving if I "
        "get the box instead of twelve loose ones?"
    ),
    (
        "A circular pond has a diameter of 8 m. What is its circumference, to one decimal "
        "place? (use pi = 3.14)"
    ),
    (
        "Aisha's test scores are 78, 85, 92 and 81. What does she need on the fifth test "
        "to have an average of 85?"
    ),
    (
        "### Instruction:\n"
        "A 2-litre bottle of juice is poured into glasses of 250 ml. How many glasses can "
        "be filled?\n"
        "\n"
        "### Response:"
    ),
    (
        "in a bag there are 5 red, 3 blue and 2 green marbles. if i take one without "
        "looking, whats the chance its blue?"
    ),
    (
        "On my hiking map (1:25,000) the hut and the car park are 6.4 cm from each other. "
        "What's that distance on the ground in km?"
    ),
    (
        "Question: A gardener plants tomato seedlings in 7 rows with 9 plants in each row. "
        "8 plants die. How many are left?\n"
        "Answer:"
    ),
    (
        "A plane flies 2,400 km in 3 hours 12 minutes. What is its average speed in km/h?\n"
        'Reply as JSON: {"answer": <number>}'
    ),
    ("Eggs cost $3.20 a dozen. How much do 30 eggs cost?"),
    (
        "Nadia deposits $200 at 3% simple interest a year and leaves it alone. What "
        "interest has built up after four years?"
    ),
]

# ------------------------------------------------------------------------------ rag

RAG: list[str] = [
    (
        "Based on the article below, how much will the extra opening hours cost each year, "
        "and where does the money come from?\n"
        "\n" + LIBRARY_HOURS
    ),
    (
        KAYAK_RENTAL_TERMS + "\n"
        "\n"
        "Using only these terms: if I cancel 30 hours before my booking, how much do I get "
        "back?"
    ),
    (
        "Document 1 (recipe card):\n" + KIMCHI_RECIPE + "\n"
        "\n"
        "Document 2 (comment):\n"
        "I used half the chilli and it was still plenty hot for my kids.\n"
        "\n"
        "Question: How long should the salted cabbage drain after rinsing?"
    ),
    (
        "Read the abstract and answer: were microplastic concentrations higher at higher "
        "altitudes?\n"
        "\n" + MICROPLASTICS_ABSTRACT
    ),
    (DRONE_MANUAL + "\n\nQ: What happens when the battery reaches 10%? Answer in one sentence."),
    (
        "Per these minutes: what pushed landscaping over budget, and where is the extra "
        "money coming from?\n"
        "\n" + HOA_MINUTES
    ),
    (
        VOLUNTEER_EMAILS + "\n"
        "\n"
        "From the emails above: how many cups will the station get, and who has the "
        "trailer keys?"
    ),
    (
        "Context:\n" + BEEKEEPING_FORUM + "\n"
        "\n"
        "Based on the thread, how long should hollyhive wait before opening the queenless "
        "box?"
    ),
    (
        "[Search result 1] Arlo Q7 review - user blog\n" + HEADPHONE_REVIEW + "\n"
        "\n"
        "[Search result 2] Arlo store page\n"
        "Arlo Q7: up to 30 hours of playback. Available in black and sand.\n"
        "\n"
        "Question: how many hours of battery life did the reviewer actually get with noise "
        "cancelling on?"
    ),
    (ICELAND_ROADTRIP + "\n\nWhy didn't they take the Öxi pass? Answer from the diary."),
    (
        "Answer the question using the passage. If the passage doesn't say, reply \"not "
        'stated".\n'
        "\n"
        "Passage:\n" + YNES_MEXIA + "\n"
        "\n"
        "Question: How old was Mexía when she began studying at Berkeley?"
    ),
    (
        GYM_FAQ + "\n"
        "\n"
        "I'm on a monthly plan and want to cancel on 10 June. When is my last payment and "
        "when does access end?"
    ),
    (
        "Here's our company policy:\n"
        "\n" + REMOTE_WORK_POLICY + "\n"
        "\n"
        "Can I work from Portugal for 5 weeks without a director's approval?"
    ),
    ("Transcript:\n" + POTTER_INTERVIEW + "\n\nWhat did Ines add to her glazes to get the blue colour?"),
    (
        "System: Only use the release notes the user pastes. If the answer is not there, "
        "say so.\n"
        "User: " + NOTES_APP_CHANGELOG + "\n"
        "\n"
        "In which version did the free plan's storage go up, and to how much?"
    ),
    (
        "Using the documentation excerpt, explain what I should do if the same event is "
        "delivered twice.\n"
        "\n" + WEBHOOK_DOCS
    ),
    (
        PET_VACCINE_NOTICE + "\n"
        "\n"
        "Can I get my new kitten's first jabs at one of these clinics? Please answer only "
        "from the notice."
    ),
    (
        "Given the programme below, when is the code freeze and what must a submission "
        "include?\n"
        "\n" + HACKATHON_AGENDA
    ),
    (
        "| Region | Q3 revenue | Target |\n"
        "|---|---|---|\n"
        "| North | see report | 4.77m |\n"
        "| South | 5.10m | 5.00m |\n"
        "\n"
        "Northern region report:\n" + SALES_REPORT + "\n"
        "\n"
        "Which product line grew fastest in the Northern region in Q3, and by how much?"
    ),
    (GLACIER_RETREAT + "\n\nAccording to the text, why can a hot summer undo several snowy winters?"),
    (
        "Human: I have a monthly season ticket that costs £240 and my train was 35 minutes "
        "late. Going by this page, how much should I get?\n"
        "\n" + TRAIN_COMPENSATION + "\n"
        "\n"
        "Assistant:"
    ),
    (
        NOISE_LETTER + "\n"
        "\n"
        "What is the deadline for contacting the housing officer, and what happens if more "
        "complaints come in?"
    ),
    (
        "Snippet A (city press release):\n" + TREE_PLANTING_PLAN + "\n"
        "\n"
        "Snippet B (unrelated):\n"
        "The swimming baths on Canal Street reopen on Monday after a refit of the changing "
        "rooms.\n"
        "\n"
        "What share of trees died in the earlier planting campaign, according to snippet A?"
    ),
    (PAPER_HISTORY + "\n\nwhere did europeans first make paper, going by this text?"),
    ("Who scored the winning goal in this match, and how?\n\n" + FOOTBALL_REPORT),
    (
        ISP_SUPPORT_CHAT + "\n"
        "\n"
        "Based on the chat: what will happen if the drops stop after the router is moved?"
    ),
    ("From this quote, what's the payback period with and without the battery?\n\n" + SOLAR_QUOTE),
    (LUNCH_SURVEY + "\n\nWhat percentage of pupils said they sometimes don't finish their food, and why?"),
    (
        "SYSTEM: Answer the applicant's questions strictly from the job advert provided. "
        "Do not invent details.\n"
        "ADVERT:\n" + JOB_POSTING + "\n"
        "APPLICANT: do I need to send a CV, and what's the hourly rate?"
    ),
    (
        BOOK_CLUB_NOTES + "\n"
        "\n"
        "Which book are they reading next month and where are they meeting?\n"
        'Respond in JSON with keys "book" and "host".'
    ),
    ("Review text:\n" + THEATRE_REVIEW + "\n\nWhat does the reviewer say about the revolving set?"),
    (
        "My car is a petrol Corvan Terra built in August last year. Based on this letter, "
        "is it affected and what does the fix cost me?\n"
        "\n" + CAR_RECALL
    ),
    (
        WILDFIRE_EVAC + "\n"
        "\n"
        "I live in Cedar Flats and have two horses. What should I do and where can they "
        "go? Answer from the bulletin."
    ),
    ("Question: which protein shields tardigrade DNA from radiation?\n\n" + TARDIGRADES),
    (
        COFFEE_COOP + "\n"
        "\n"
        "How many member families does the cooperative have today, and how many were there "
        "at the start?"
    ),
    ("Email:\n" + LAB_MOVE_EMAIL + "\n\nWhen will the fume hoods be certified?"),
    (CROWDFUND_UPDATE + "\n\nWhy was the map board reprinted?"),
    ("Read the report and tell me how long the people were stuck in the lift.\n\n" + ELEVATOR_INCIDENT),
    (
        "<context>\n" + ASTEROID_PROBE + "\n"
        "</context>\n"
        "<question>How big is the sample the probe will collect, and when will it come "
        "back to Earth?</question> Keep it short."
    ),
    (
        MANX_REVIVAL + "\n"
        "\n"
        "According to the article, when was the Manx-medium primary school opened, and "
        "with how many pupils?"
    ),
    (KNEE_DISCHARGE + "\n\nbased on this leaflet when can I have a bath"),
    (
        "Here are two pages from a gardening site.\n"
        "\n"
        "Page 1:\n" + COMPOST_GUIDE + "\n"
        "\n"
        "Page 2:\n"
        "Leaf mould is made only from fallen leaves and takes one to two years. It is low "
        "in nutrients but excellent for improving soil structure.\n"
        "\n"
        "What should never go in the compost heap according to page 1?"
    ),
    (FESTIVAL_CANCELLED + "\n\nI had a weekend ticket. What refund will I get?"),
    (
        "Per the privacy notice below, how long do they keep my purchase records after I "
        "stop using the card?\n"
        "\n" + PRIVACY_EXCERPT
    ),
    (
        "[INST] " + POTHOLE_CALLIN + "\n"
        "\n"
        "According to the council's statement in the segment, how quickly should a deep "
        "pothole on a main road be fixed? [/INST]"
    ),
    ('Reading this essay, where does the word "brutalism" come from?\n\n' + BRUTALISM_ESSAY),
    (
        VINEYARD_FROST + "\n"
        "\n"
        "Why did the hillside vines come through better? One sentence, from the article "
        "only."
    ),
    ("Thread:\n" + CODE_REVIEW_THREAD + "\n\nWhat TTL did they agree on, and why not keep 10 minutes?"),
    (NEIGHBOURHOOD_NEWSLETTER + "\n\nWhen is the road closure application going in, and what's the fee?"),
    (
        "I ordered Terra tiles and I have a tiler booked. Given this notice, what are my "
        "options?\n"
        "\n" + PORT_DELAY_NOTICE
    ),
]

# ------------------------------------------------------------------------------ mt_bench

MT_BENCH: list[str] = [
    (
        "Write a short poem (12 lines or so) about the last bus home on a rainy night. No "
        "rhyming couplets please."
    ),
    (
        "Our builder has now blown through two agreed dates on the bathroom refit. Help me "
        "write him a message that stays courteous but makes clear I need an updated "
        "timetable from him by Friday."
    ),
    (
        "You are a grumpy lighthouse keeper who hasn't spoken to anyone in three months. A "
        "tourist has just knocked on your door asking to see the lamp. Stay in character."
    ),
    (
        "Write a Python function that takes a list of integers and returns the length of "
        "the longest strictly increasing contiguous run. Include a couple of tests."
    ),
    (
        "This SQL query is slow and returns duplicates. Can you fix it and explain why?\n"
        "\n"
        "SELECT s.title, r.rating\n"
        "FROM songs s, reviews r, playlists p\n"
        "WHERE s.id = r.song_id AND r.posted > '2024-01-01';"
    ),
    (
        "System: You are a science communicator for children.\n"
        "User: Explain to a 12-year-old why the sky is blue but sunsets are red."
    ),
    (
        "Write a 400-word essay on whether the printing press or the internet has had a "
        "larger effect on how people learn."
    ),
    (
        "A clock loses 4 minutes every hour. I set it right at 8:00 this morning. When it "
        "shows 2:00 in the afternoon, what is the real time? Walk through it."
    ),
    (
        "Extract every date, amount and company name from the text below and return them "
        'as JSON with keys "dates", "amounts" and "companies".\n'
        "\n"
        "On 3 March, Holloway Freight invoiced Brightside Foods for $12,400. Brightside "
        "paid $8,000 on 21 March and the remainder on 9 April, after Holloway issued a "
        "credit note of $400."
    ),
    (
        "User: I want to start running but I get bored after ten minutes.\n"
        "Assistant: Try intervals: one minute running, one minute walking, with a podcast "
        "or music. Build up slowly over a few weeks.\n"
        "User: Sounds doable. Can you lay that out as four weeks, three sessions each?"
    ),
    (
        "Processes vs threads: how do they differ in memory and failure isolation, and "
        "when would you reach for each one?"
    ),
    (
        "Pretend you're a tour guide in ancient Rome in the year 100 AD, showing a group "
        "of time travellers around the Forum. Describe what they see and hear."
    ),
    ("Human: Write a limerick about a cat who is afraid of cucumbers.\n\nAssistant:"),
    (
        "Here's my JavaScript. Why does it print 3 three times instead of 0, 1, 2?\n"
        "\n"
        "for (var i = 0; i < 3; i++) {\n"
        "  setTimeout(() => console.log(i), 100);\n"
        "}"
    ),
    (
        "What did the revolutions of 1776 in America and 1789 in France have in common in "
        "their origins, and where did their causes part ways?"
    ),
    (
        "Priya, Quinn, Rosa, Sven and Tariq share a five-seat bench. Sven takes the "
        "leftmost seat and Tariq is beside him. Quinn sits immediately right of Rosa. "
        "Priya isn't on either end. List every seating that works."
    ),
    (
        "Turn the following into a markdown table with columns Name, Role, Start date:\n"
        "\n"
        "Maria Lopez joined as head of design on 2 May. Kenji Ito started on 15 June as a "
        "backend engineer. Our new office manager, Grace Obi, began on 1 July."
    ),
    ("Need shop copy for a bamboo-and-steel water flask that's aimed at hikers. Upbeat, under 100 words."),
    (
        "How do vaccines train the immune system? Please keep it accurate but accessible "
        "for a high-school audience."
    ),
    (
        "Be the hiring manager at a vet clinic interviewing me for a receptionist role. "
        "One question at a time, and wait for my reply before moving on."
    ),
    (
        "Give me a shell command that removes .log files over 100 MB anywhere under /var, "
        "but only ones untouched for 30+ days. Then break down each piece of it."
    ),
    (
        "Is it ever ethical to lie? Give arguments from at least two philosophical "
        "traditions and then your own view. Max 300 words."
    ),
    (
        "I have 8 balls, one slightly heavier than the others, and a balance scale. What's "
        "the minimum number of weighings to find the heavy one? Show how."
    ),
    (
        'Write a short story opening (under 250 words) that begins with the sentence "The '
        'power went out at exactly 3:17."'
    ),
    (
        "<|im_start|>system\n"
        "You are Tutorbot, an assistant for second-year computer science "
        "students.<|im_end|>\n"
        "<|im_start|>user\n"
        "Explain what Big-O notation means and compare O(n log n) and O(n^2) with a "
        "concrete example.<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    (
        "Label each comment positive, negative or mixed, numbered list please:\n"
        "1. Arrived a day early, though one of the glasses had a chip in the rim.\n"
        "2. Gorgeous glaze, already ordered a second set for my mum.\n"
        "3. The handle snapped off the first time I washed it and nobody answers emails."
    ),
    (
        "You're a medieval blacksmith. A young apprentice asks you why you plunge hot iron "
        "into water. Answer in character."
    ),
    (
        "User: What are the main differences between mitosis and meiosis?\n"
        "Assistant: Mitosis makes two identical cells with the full set of chromosomes; "
        "meiosis makes four cells with half the set, each genetically different.\n"
        "User: Great, can you put that in a table with a few more rows, like where each "
        "happens in the body?"
    ),
    (
        "Write a cover letter for a part-time barista job. I have no café experience but I "
        "worked two years at a bookshop."
    ),
    (
        "In Python, write a least-recently-used cache with a fixed capacity; lookups and "
        "inserts should run in constant time."
    ),
    (
        "[system] You are a helpful writing tutor. Give feedback, don't rewrite the whole "
        "thing.\n"
        '[user] Here is my thesis statement: "Social media is bad because it is bad for '
        'people and society." How can I make it stronger?'
    ),
    (
        "Three friends pay $30 for a hotel room. The clerk realises it should be $25 and "
        "sends the porter back with $5. The porter keeps $2 and gives each friend $1. Now "
        "each paid $9, so $27, plus the porter's $2 makes $29. Where did the missing "
        "dollar go?"
    ),
    (
        "Discuss how the invention of the railway changed ideas about time in the 19th "
        "century, including the introduction of standard time."
    ),
    (
        "Pull the following fields out of this message into JSON: sender_name, "
        "order_number, issue, requested_action.\n"
        "\n"
        '"Hi, this is Daniel Mertens. My order #A-77120 arrived yesterday but the blender '
        "jug is cracked. Could you send a replacement jug rather than refunding the whole "
        'thing? Thanks."'
    ),
    ("Three linked haiku about moving house, please: packing, the empty rooms, the first night."),
    ("How is weather different from climate? A local example would help."),
    (
        "Roleplay: you are a nervous first-time ship's captain giving the welcome "
        "announcement to passengers on a ferry. Make it funny."
    ),
    (
        "Refactor this function to be more readable and explain what you changed:\n"
        "\n"
        "def f(a):\n"
        "    r = []\n"
        "    for x in a:\n"
        "        if x % 2 == 0:\n"
        "            if x > 10:\n"
        "                r.append(x * 2)\n"
        "    return r"
    ),
    (
        "User: Help me name my bakery? Tiny place by the harbour, mostly sourdough.\n"
        "Assistant: Some ideas: Salt & Crumb, Tideline Bakery, The Harbour Loaf.\n"
        "User: I like Tideline. Now write a two-sentence tagline for it."
    ),
    ("What's the point of leap years, and how come 2000 got a 29 February but 1900 didn't?"),
    (
        "Write a persuasive speech (about 300 words) for a student council candidate who "
        "wants longer lunch breaks."
    ),
    (
        "Explain the difference between supervised and unsupervised learning, with one "
        "real-world example of each."
    ),
    (
        "Power cut, pitch dark, and my sock drawer holds 6 black and 4 grey socks all "
        "jumbled. How many do I have to grab to be certain of a matching pair? And to be "
        "certain of two black ones? Explain."
    ),
    (
        "Postgres: I have staff(staff_id, full_name, pay, team_id) and teams(team_id, "
        "team_name). Which three teams have the highest mean pay, ignoring teams with "
        "fewer than 5 staff? Give me the query."
    ),
    (
        "User: I'm writing a history essay on the Silk Road.\n"
        "Assistant: Happy to help. What angle are you taking?\n"
        "User: Cultural exchange rather than trade. Give me two concrete examples and "
        "explain why they mattered."
    ),
    (
        "Write a thank-you note to my neighbour who fed my cats for a week while I was "
        "away. Keep it warm and short."
    ),
    (
        "From the text below, list every person mentioned and what city they live in, as a "
        "two-column table.\n"
        "\n"
        "Ravi moved from Pune to Toronto last spring. His sister Asha still lives in Pune, "
        "while their cousin Meera has been in Nairobi since 2019 and visits Toronto every "
        "winter."
    ),
    (
        "How does a refrigerator move heat from inside to outside? Walk me through the "
        "cycle step by step.\n"
        "Use a numbered list."
    ),
    (
        "You are Sherlock Holmes. I've just walked into your study with mud on my left "
        "boot and a train ticket sticking out of my pocket. Deduce something about me."
    ),
    (
        "What is recursion? Give me an everyday analogy first, then a JavaScript function "
        "that adds up the digits of a number recursively."
    ),
]

# ------------------------------------------------------------------------------ ood

OOD: list[str] = [
    (
        "2024-11-03T04:12:55.118Z INFO  [scheduler] job=nightly-export run_id=8812 "
        "started\n"
        "2024-11-03T04:12:55.902Z INFO  [export] fetched 14,233 rows from table invoices\n"
        "2024-11-03T04:13:07.441Z WARN  [export] row 9120: currency field empty, "
        "defaulting to EUR\n"
        "2024-11-03T04:13:19.006Z INFO  [upload] "
        "s3://acme-reports/2024/11/03/invoices.csv.gz (2.1 MB)\n"
        "2024-11-03T04:13:19.227Z INFO  [scheduler] job=nightly-export run_id=8812 "
        "finished in 24.1s"
    ),
    (
        "Traceback (most recent call last):\n"
        '  File "/opt/greenhouse/sensors/poll.py", line 142, in <module>\n'
        "    main()\n"
        '  File "/opt/greenhouse/sensors/poll.py", line 131, in main\n'
        '    reading = bay_readings[bay_id]["humidity"]\n'
        "KeyError: 'bay-07'"
    ),
    (
        "aW52ZW50b3J5IHNuYXBzaG90IDIwMjQtMTEtMDM6IHNoZWxmIEE0IHBhbGxldHMgMTIsIHNoZWxmIEIxIH"
        "BhbGxldHMgNywgZG9jayBkb29yIDMgamFtbWVkLCBmb3JrbGlmdCAyIGR1ZSBmb3Igc2VydmljZQ=="
    ),
    (
        "[server]\n"
        "bind = 10.4.2.19\n"
        "listen_port = 9120\n"
        "threads = 6\n"
        "idle_close_s = 40\n"
        "\n"
        "[database]\n"
        "url = postgresql://app@db.internal:5432/orders\n"
        "pool_size = 20\n"
        "statement_timeout_ms = 15000\n"
        "\n"
        "[logging]\n"
        "level = info\n"
        "format = json"
    ),
    (
        "item_code,description,on_hand,cost_gbp,site\n"
        "TB-1001,tent pegs (pack of 10),340,3.49,LEEDS\n"
        "TB-1002,guy rope 5m,122,2.15,LEEDS\n"
        "TB-1040,camping stove,18,39.00,BRISTOL\n"
        "TB-1041,gas canister 230g,260,4.80,BRISTOL\n"
        "TB-1107,sleeping mat,0,24.99,LEEDS"
    ),
    (
        '{"id": "ord_5521", "status": "shipped", "items": [{"sku": '
        '"MUG-BLU", "qty": 2}, {"sku": "TEA-EGR", "qty": 1}], "shipping": '
        '{"carrier": "DPD", "tracking": "15501928773", "eta": "2024-06-14"}, '
        '"paid": true}'
    ),
    ("kjh sdfkj qwpoe zmxn,, lkasd 8812 ppp ;;; qwe qwe qwe asdlkfj 00 -- ,.,.,. hhhh"),
    ("<|im_start|>user\n17 42 8 99 23 23 56 1 0 73 64 12 88 5 31 47 19 2 90 66<|im_end|>"),
    (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        '<head><meta charset="utf-8"><title>Maintenance</title></head>\n'
        "<body>\n"
        '  <div class="banner">\n'
        "    <h1>We'll be back soon</h1>\n"
        "    <p>Scheduled maintenance from 02:00 to 04:00 UTC.</p>\n"
        "  </div>\n"
        "</body>\n"
        "</html>"
    ),
    (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<catalog>\n"
        '  <book id="b17"><title>Rivers of Stone</title><year>1998</year><price '
        'currency="GBP">8.99</price></book>\n'
        '  <book id="b18"><title>Night Ferry</title><year>2004</year><price '
        'currency="GBP">11.50</price></book>\n'
        "</catalog>"
    ),
    (
        "(function(w,d){var "
        'q=d.getElementById("qty"),b=d.querySelectorAll(".step");b.forEach(function(k){'
        "k.onclick=function(){var "
        'v=parseInt(q.value||"0",10)+(k.dataset.dir==="up"?1:-1);q.value=Math.max(v,1);'
        'w.dispatchEvent(new Event("qtychange"))}})})(window,document);'
    ),
    (
        "diff --git a/src/cart.py b/src/cart.py\n"
        "index 3f2a1c9..8b7d0e4 100644\n"
        "--- a/src/cart.py\n"
        "+++ b/src/cart.py\n"
        "@@ -41,7 +41,9 @@ class Cart:\n"
        "     def total(self):\n"
        "-        return sum(i.price * i.qty for i in self.items)\n"
        "+        subtotal = sum(i.price * i.qty for i in self.items)\n"
        "+        discount = self.coupon.apply(subtotal) if self.coupon else 0\n"
        "+        return max(subtotal - discount, 0)"
    ),
    (
        "0000a0c0  3b 71 e2 08 5a 5a 11 90  c4 27 7e 01 ff 3e 62 0d  |;q..ZZ...'~..>b.|\n"
        "0000a0d0  48 e8 72 6f 6f 74 00 13  9b 2c d1 44 0a 7d 5c 60  |H.root...,.D.}\\`|\n"
        "0000a0e0  00 00 af 31 6c 1e 88 f0  42 57 57 2d 33 9e 04 c7  |...1l...BWW-3...|"
    ),
    ("d098ab5e44b9aabb755f76d806598f43573c662b35e4a2eab1e312ec9ad195e2"),
    (
        "Nov  3 06:25:01 web02 CRON[21877]: (root) CMD (test -x /usr/sbin/anacron || ( cd "
        "/ && run-parts --report /etc/cron.daily ))\n"
        "Nov  3 06:25:14 web02 sshd[21901]: Failed password for invalid user admin from "
        "203.0.113.47 port 51422 ssh2\n"
        "Nov  3 06:25:16 web02 sshd[21901]: Connection closed by invalid user admin "
        "203.0.113.47 port 51422 [preauth]\n"
        "Nov  3 06:26:40 web02 kernel: [884211.117] eth0: link up, 1000Mbps, full-duplex"
    ),
    (
        'version: "3.9"\n'
        "services:\n"
        "  web:\n"
        "    image: nginx:1.25-alpine\n"
        "    ports:\n"
        '      - "80:80"\n'
        "    volumes:\n"
        "      - ./site:/usr/share/nginx/html:ro\n"
        "  cache:\n"
        "    image: redis:7\n"
        '    command: ["redis-server", "--maxmemory", "256mb"]'
    ),
    (
        "==> build.log <==\n"
        "[ 12%] Building CXX object src/CMakeFiles/core.dir/buffer.cpp.o\n"
        "[ 25%] Building CXX object src/CMakeFiles/core.dir/parser.cpp.o\n"
        "/home/ci/src/parser.cpp:214:18: warning: unused variable 'depth' "
        "[-Wunused-variable]\n"
        "[ 37%] Linking CXX static library libcore.a\n"
        "[ 50%] Built target core"
    ),
    (".....\n.....\n....."),
    (
        'Exception in thread "main" java.lang.NullPointerException: Cannot invoke '
        '"String.length()" because "name" is null\n'
        "\tat com.example.billing.Customer.initials(Customer.java:57)\n"
        "\tat com.example.billing.InvoicePrinter.header(InvoicePrinter.java:23)\n"
        "\tat com.example.billing.Main.main(Main.java:12)"
    ),
    (
        "date;station;temp_c;rain_mm;wind_kmh\n"
        "2024-03-01;KIRK;4.2;0.0;18\n"
        "2024-03-01;BRAE;2.9;1.4;31\n"
        "2024-03-02;KIRK;5.1;6.8;22\n"
        "2024-03-02;BRAE;3.3;9.0;40"
    ),
    (
        "SELECT 3\n"
        " id | email               | plan  | created_at\n"
        "----+---------------------+-------+---------------------\n"
        " 17 | j.moreau@example.fr | pro   | 2023-09-14 10:22:05\n"
        " 18 | kim.h@example.kr    | free  | 2023-09-14 11:40:51\n"
        " 19 | a.osei@example.gh   | team  | 2023-09-15 08:03:17"
    ),
    ("zorvel ankth miripo quessa lun dabbet orrimon feskel vaa tinnuro plek wendamor isk ulabba"),
    (
        "$ kubectl get pods -n payments\n"
        "NAME                              READY   STATUS             RESTARTS   AGE\n"
        "payments-api-7c9d8f6b5-2xkqp      1/1     Running            0          3d\n"
        "payments-api-7c9d8f6b5-9wzrt      0/1     CrashLoopBackOff   41         3d\n"
        "payments-worker-5f8b7c4d9-lm2dd   1/1     Running            2          12h"
    ),
    (
        "%PDF-1.7\n"
        "%âãÏÓ\n"
        "1 0 obj\n"
        "<< /Type /Catalog /Pages 2 0 R >>\n"
        "endobj\n"
        "2 0 obj\n"
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
        "endobj"
    ),
    (
        "#!/usr/bin/env bash\n"
        "set -euo pipefail\n"
        "for f in data/raw/*.csv; do\n"
        '  gzip -9 "$f"\n'
        "done\n"
        "rsync -az data/raw/ backup@nas:/volume1/raw/"
    ),
    ("▲▲▼▼◀▶◀▶ BA"),
    (
        "{\n"
        '  "name": "@acme/ui-kit",\n'
        '  "version": "2.4.1",\n'
        '  "private": false,\n'
        '  "main": "dist/index.js",\n'
        '  "scripts": {"build": "tsc -p .", "test": "vitest run"},\n'
        '  "peerDependencies": {"react": ">=18"}\n'
        "}"
    ),
    (
        '198.51.100.23 - - [03/Nov/2024:07:41:09 +0000] "GET /bookings/calendar?week=45 '
        'HTTP/2" 200 18233\n'
        '198.51.100.23 - - [03/Nov/2024:07:41:10 +0000] "GET /static/cal.v19.css HTTP/2" '
        "304 0\n"
        '203.0.113.80 - - [03/Nov/2024:07:41:12 +0000] "PUT /bookings/5521 HTTP/2" 409 61'
    ),
    (
        "BEGIN:VCALENDAR\n"
        "VERSION:2.0\n"
        "BEGIN:VEVENT\n"
        "DTSTART:20241112T090000Z\n"
        "DTEND:20241112T100000Z\n"
        "SUMMARY:Quarterly planning\n"
        "LOCATION:Room 4B\n"
        "END:VEVENT\n"
        "END:VCALENDAR"
    ),
    ("0x7ffd4a3c 0x00000000 0x0040113e 0x7ffd4a60 0xdeadbeef 0x00000001 0x7ffd4b88 0x00401020"),
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


def fresh_rows() -> list[dict[str, str]]:
    """The labelled rows (:func:`bench.task_eval.hand_written.labelled_rows` of :data:`GROUPS`)."""
    return labelled_rows(GROUPS)


def write_fresh(out: Path = FRESH_OUT) -> list[dict[str, str]]:
    """Write the rows to ``out`` (default: the shipped set), one JSON object a line; return them."""
    return write_rows(fresh_rows(), out)
