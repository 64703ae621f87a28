"""Hand-written routing set for one blind evaluation of the task router (``blind.jsonl``).

    python -m bench.task_eval.generate --set blind    # rewrites bench/task_eval/blind.jsonl

Written after the final set (``final.jsonl``), because every earlier set (``prompts.jsonl``,
``dev.jsonl``, ``test.jsonl``, ``final.jsonl``) had by then been used to tune the router.
Every prompt and passage here was written by hand, one at a time, in the voices of different
users (terse, chatty, formal, non-native English, the odd typo, markdown, bullet points, a
few chat wrappers and format suffixes): nothing is templated or drawn at random. Its author
had not read the router's code, its trained models or its documentation, had not seen the
other banks' prompts (only ``final_bank.py``'s docstring and layout, which this module
mirrors), and ran no router, classifier or model on these prompts. It is for one evaluation
only: never to train, tune or choose anything, and once it has been looked at it is no
longer blind.

Groups as Spec-Bench names them, 50 prompts each: translation (about 30 languages, either
direction, Latin and other scripts), summarization (a text of 800-3000 characters to
condense), qa (a short factual question with no context), math_reasoning (a grade-school
word problem), rag (a passage, sometimes among other retrieved snippets, and a question
answered from it), mt_bench (writing, roleplay, reasoning puzzles, coding, extraction, STEM
and humanities, some multi-turn); plus 30 ``ood`` prompts that ask for nothing (logs, stack
traces, dumps, configuration, data, noise). The summarization and rag prompts draw on one
pool of 50 passages in varied genres (news, manuals, contract clauses, emails, minutes,
recipes, abstracts, forum threads, reviews, guides, biographies, transcripts, notices, a
README, ...), each used by exactly two prompts: one asks for a summary, the other asks a
question about it.

Licence: written for specq and distributed under the project's licence (Apache-2.0). No
Spec-Bench prompt, passage or topic list was copied, nor anything from the other banks.
"""

from __future__ import annotations

from pathlib import Path

from bench.task_eval.hand_written import labelled_rows, write_rows

BLIND_OUT = Path(__file__).with_name("blind.jsonl")

# ------------------------------------------------------------------------------ passages
# Each passage is used by two prompts below: a summary request and a question about it.

LIBRARY_FINES = (
    "OSTERVALE — The Ostervale public library will stop charging late fees on books, DVDs and "
    "audiobooks from the first of March, the library board announced on Monday, joining a growing list "
    "of systems that have dropped overdue fines.\n\n"
    'Board chair Wendell Asante said the fines had become "a barrier that keeps exactly the wrong '
    'people away." According to figures presented at the meeting, about 2,300 library cards — roughly '
    "one in nine — are currently blocked because their holders owe more than $10. More than half of "
    "those blocked cards belong to people living in the town's two lowest-income neighbourhoods, and a "
    "third belong to children under sixteen.\n\n"
    "Late fees brought in about $31,000 last year, a little under 1% of the library's $3.4 million "
    "budget. Staff estimate that collecting the fines, including mailing notices and handling disputes "
    "at the desk, cost nearly as much in staff time. The shortfall will be covered by a reserve fund "
    "for the first two years, after which the board will ask the town council to make up the "
    "difference.\n\n"
    "Borrowers will still have to pay for items that are lost or damaged. An item that is more than 45 "
    "days overdue will be treated as lost and its replacement cost charged to the card, but the charge "
    "will be cancelled as soon as the item is returned in good condition. Existing late fees will be "
    "wiped from every account on the day the new policy starts.\n\n"
    "Not everyone on the board was convinced. Trustee Margit Ohlsson, who voted against the change, "
    'warned that without fines some popular titles would "disappear for months" and waiting lists '
    "would grow. Libraries that have already gone fine-free report mixed results: most say return "
    "rates barely changed, while a few saw longer waits for new releases. The board passed the measure "
    "by five votes to two and promised to review the numbers after a year."
)

DRILL_BATTERY = (
    "Battery care and charging — Model TX-18 cordless drill/driver\n\n"
    "Your drill is supplied with an 18 V, 2.0 Ah lithium-ion battery pack (TB-20) and a standard "
    "charger (TC-1). Read this section before charging the battery for the first time.\n\n"
    "Charging\n"
    "1. Charge the battery fully before first use. A new pack is shipped at about 30% charge.\n"
    "2. Slide the pack onto the charger until it clicks. The indicator light turns red while the pack "
    "is charging and green when it is full. A full charge from empty takes about 60 minutes with the "
    "TC-1 charger and 25 minutes with the optional TC-4 rapid charger.\n"
    "3. If the light flashes red and green alternately, the pack is too hot or too cold to charge. "
    "Remove it and let it reach room temperature (between 10 °C and 30 °C), then try again. Do not "
    "place the pack in a fridge or near a heater to speed this up.\n"
    "4. If the light flashes red only, the pack or the charger is faulty. Do not keep trying; contact "
    "customer service.\n\n"
    "Storage\n"
    "Store the battery removed from the tool, in a dry place between 0 °C and 25 °C. For storage "
    "longer than three months, leave the pack at about half charge (two of the four fuel-gauge lights "
    "on) and top it up every six months. Never store a pack fully empty: a deeply discharged "
    "lithium-ion cell may not accept a charge again.\n\n"
    "Use\n"
    "The electronic protection switches the drill off when the battery is nearly empty or overloaded. "
    "This is not a fault. If the drill stops under a heavy load, release the trigger, wait a few "
    "seconds and start again with less pressure. Do not run the drill until it stops again and again "
    "on a nearly empty pack: recharge it instead.\n\n"
    "Safety\n"
    "Do not open, crush, puncture or short-circuit the battery. Do not expose it to rain or to "
    "temperatures above 50 °C, for example on a car dashboard in summer. A swollen, cracked or leaking "
    "pack must not be charged or used; take it to a battery collection point. Used packs must not go "
    "in household waste."
)

FREELANCE_PAYMENT = (
    "7. FEES, INVOICING AND PAYMENT\n\n"
    "7.1 In consideration of the Services, the Client shall pay the Contractor the fees set out in "
    "Schedule B. Unless Schedule B states otherwise, fees are charged per working day of eight hours, "
    "and part days are charged pro rata in units of one hour.\n\n"
    "7.2 The Contractor shall invoice the Client monthly in arrears, on or after the last working day "
    "of each calendar month. Each invoice shall list the days worked, the deliverables completed and "
    "any expenses claimed under clause 8, with receipts attached.\n\n"
    "7.3 The Client shall pay each undisputed invoice within thirty (30) days of the date on which it "
    "receives the invoice. Payment shall be made by bank transfer to the account named on the invoice. "
    "The Client may not set off any amount it claims from the Contractor against an invoice without "
    "the Contractor's written agreement.\n\n"
    "7.4 If the Client disputes any part of an invoice in good faith, it shall notify the Contractor "
    "in writing within ten (10) days of receipt, stating the reasons, and shall pay the undisputed "
    "part on time. The parties shall try to resolve the dispute within fifteen (15) days of that "
    "notice, after which either party may refer it to the procedure in clause 14.\n\n"
    "7.5 Any sum not paid when due shall carry interest at four per cent (4%) per year above the base "
    "rate of the central bank, from the due date until the date of payment, calculated daily. In "
    "addition, if any invoice remains unpaid thirty (30) days after its due date, the Contractor may, "
    "on seven (7) days' written notice, suspend the Services until all overdue amounts have been paid. "
    "Suspension under this clause shall not be a breach of this Agreement, and delivery dates shall be "
    "extended by the length of the suspension.\n\n"
    "7.6 All fees are stated exclusive of value added tax, which the Client shall pay in addition at "
    "the applicable rate on receipt of a valid tax invoice."
)

OFFICE_MOVE = (
    "From: Priyanka Deshmukh\n"
    "To: All staff — 3rd floor\n"
    "Subject: Floor move on 14 November — what you need to do\n\n"
    "Hi everyone,\n\n"
    "As announced at the all-hands, the product and design teams are moving from the 3rd floor to the "
    "newly renovated 6th floor on Friday 14 November. The movers arrive at 4 pm on Thursday the 13th, "
    "so please have everything packed by 3:30 that day.\n\n"
    "- Crates will be delivered to your desk on Monday the 10th. Each person gets two. Label them with "
    "the sticker sheet that comes with them (name + new desk number).\n"
    "- Monitors, docks and keyboards stay where they are; the 6th floor already has the same kit. "
    "Laptops go home with you on Thursday.\n"
    "- Plants, personal chairs and anything bigger than a crate: tell me by Wednesday and facilities "
    "will tag it.\n"
    "- The new floor uses desk booking for everyone except the two team leads. Book through the same "
    "app as the meeting rooms.\n\n"
    "Thanks,\n"
    "Priyanka\n\n"
    "---\n\n"
    "From: Tomás Ebbing\n"
    "Re: Floor move on 14 November — what you need to do\n\n"
    "Quick question — I'm on leave from the 10th to the 14th. Can someone pack for me or should I come "
    "in on Monday morning before my flight?\n\n"
    "---\n\n"
    "From: Priyanka Deshmukh\n"
    "Re: Floor move on 14 November — what you need to do\n\n"
    "Tomás, no need to come in. Leave a note on your desk saying what goes and what can be thrown "
    "away, and Jun will pack your crates. Same goes for anyone else who's away that week — just let me "
    "know by Friday the 7th.\n\n"
    "Also, a correction: the team leads do NOT get fixed desks after all. Facilities decided everyone "
    "books, no exceptions. Sorry for the confusion!"
)

PTA_MINUTES = (
    "Larchmont Primary School Parent-Teacher Association — minutes of the meeting held 9 October, 7:00 "
    "pm, school hall\n\n"
    "Present: K. Obuya (chair), S. Lindgren (treasurer), R. Haddad (secretary), Mr Penrose (head "
    "teacher), 14 parents.\n"
    "Apologies: D. Fairweather, M. Costa.\n\n"
    "1. Minutes of the last meeting were approved without changes.\n\n"
    "2. Treasurer's report. The summer fair raised £2,870 after costs, about £400 less than last year, "
    "mainly because the tombola was rained off. The PTA account holds £6,150. £1,200 of this is "
    "already promised for the Year 6 residential trip subsidy.\n\n"
    "3. Playground equipment. Mr Penrose confirmed that the wooden climbing frame failed its safety "
    "inspection and has been closed. A replacement costs between £9,000 and £12,000. The council will "
    "contribute £3,000 if the school finds the rest by next summer. The meeting agreed to make this "
    "the PTA's main target for the year.\n\n"
    "4. Fundraising ideas. Suggestions: a sponsored walk in the spring (proposed by R. Haddad), a "
    "second-hand uniform sale each term, a quiz night for parents in February, and asking local "
    "businesses to sponsor individual pieces of equipment. S. Lindgren warned that the quiz night last "
    "tried in 2019 lost money because of the hall hire for the evening; Mr Penrose said the hall would "
    "be free of charge this time.\n\n"
    "5. Halloween disco. Will go ahead on 31 October, 5:30–7:00 pm. Volunteers needed for the tuck "
    "shop and for the door; a sign-up sheet will go home in book bags.\n\n"
    "Actions:\n"
    "- R. Haddad to plan the sponsored walk route and dates.\n"
    "- S. Lindgren to get quotes for the quiz night prizes.\n"
    "- K. Obuya to write to local businesses about sponsorship.\n\n"
    "Next meeting: 13 November, 7:00 pm."
)

DAL_RECIPE = (
    "Weeknight red lentil dal (serves 4, about 40 minutes)\n\n"
    "This is the dal I make when the fridge is nearly empty. Red lentils need no soaking and fall "
    "apart as they cook, so you get a thick, creamy pot without any cream. Serve with rice or warm "
    "flatbread and a spoonful of yoghurt.\n\n"
    "Ingredients\n"
    "- 250 g red lentils\n"
    "- 1 litre water\n"
    "- 1 tsp ground turmeric\n"
    "- 1 tsp salt, plus more to taste\n"
    "- 2 tbsp oil or ghee\n"
    "- 1 tsp cumin seeds\n"
    "- 1 large onion, finely chopped\n"
    "- 3 garlic cloves and a thumb of ginger, grated\n"
    "- 1 green chilli, split (optional)\n"
    "- 2 tomatoes, chopped, or half a tin\n"
    "- juice of half a lemon, and a handful of coriander\n\n"
    "Method\n"
    "1. Rinse the lentils in a sieve until the water runs almost clear. Put them in a pan with the "
    "water and turmeric, bring to the boil and skim off the foam. Simmer with the lid half on for "
    "20–25 minutes, stirring now and then, until the lentils have broken down. Add the salt at the end "
    "— added early, it can keep them from softening.\n"
    "2. Meanwhile, heat the oil in a frying pan and add the cumin seeds. When they sizzle and darken "
    "slightly (about 30 seconds), add the onion and fry over a medium heat for 8–10 minutes until "
    "golden.\n"
    "3. Stir in the garlic, ginger and chilli and cook for one minute, then add the tomatoes and cook "
    "until they collapse into a paste, about 5 minutes.\n"
    "4. Tip this mixture into the lentils, stir well and simmer together for 5 minutes. If the dal is "
    "too thick, loosen it with a splash of hot water.\n"
    "5. Finish with the lemon juice and coriander and check the salt.\n\n"
    "Tip: dal thickens as it cools. It keeps for three days in the fridge and freezes well; add a "
    "little water when you reheat it."
)

STANDING_DESK = (
    "Abstract\n\n"
    "Background: Sit-stand desks are widely promoted to reduce low back pain among office workers, but "
    "evidence from randomised trials is limited and mostly short-term.\n\n"
    "Methods: We conducted a cluster-randomised controlled trial in 24 offices of a public-sector "
    "employer. Offices were randomly assigned to receive height-adjustable desks plus a brief coaching "
    "session (intervention, 12 offices, 311 workers) or to continue as usual (control, 12 offices, 298 "
    "workers). The primary outcome was pain intensity in the lower back over the previous week on a "
    "0–10 scale at 12 months. Secondary outcomes included sitting time measured with thigh-worn "
    "accelerometers, sick days and self-reported productivity.\n\n"
    "Results: At 12 months, 83% of participants provided primary outcome data. Daily sitting time at "
    "work fell by 64 minutes in the intervention group compared with the control group (95% CI 51 to "
    "77 minutes). However, the difference in back pain intensity was small and not statistically "
    "significant (mean difference −0.3 points, 95% CI −0.7 to 0.1). There were no differences in sick "
    "days or productivity. Among the subgroup of workers who reported moderate or severe back pain at "
    "baseline, pain fell by 0.9 points more in the intervention group, but this analysis was "
    "exploratory.\n\n"
    "Conclusions: Providing sit-stand desks reduced sitting time by about an hour a day for a year, "
    "but did not meaningfully reduce back pain in a general office population. Targeting the desks at "
    "workers who already have back pain may be worth testing in a dedicated trial."
)

CHAIN_THREAD = (
    "Thread: Chain skipping under load after new cassette?? (road bike)\n\n"
    "bikebymoonlight wrote:\n"
    "Put a new 11-speed cassette on last weekend (old one was worn out, 8000 km). Now when I stand up "
    "to climb, the chain skips every few pedal strokes, mostly on the three smallest cogs. Shifting in "
    "the stand feels fine. What did I mess up?\n\n"
    "gravelgrandad wrote:\n"
    "Did you replace the chain too? If you put a new cassette on with an old, stretched chain, the "
    "chain won't sit properly in the fresh teeth and it skips exactly like you describe. Measure it "
    "with a chain checker. Anything past 0.5% wear on 11-speed and it's done.\n\n"
    "bikebymoonlight wrote:\n"
    "Chain is... the original one. So 8000 km. Oops. Checker says 0.75.\n\n"
    "spokesperson_ wrote:\n"
    "Yep, that's it. Worn chain plus new cassette = skipping, especially on the small cogs because "
    "fewer teeth are engaged. New chain and it should go away. If you rode a long way on the old "
    "chain, check your chainrings too; they usually last two or three chains, but if the teeth look "
    "like shark fins, they go too.\n\n"
    "gravelgrandad wrote:\n"
    "Also check the lockring is tight (40 Nm on most Shimano). A loose cassette can give a similar "
    "clunk, though it usually feels different, more like a knock than a slip.\n\n"
    "bikebymoonlight wrote:\n"
    "UPDATE: new chain fitted, rode 60 km today including the big climb, zero skipping. Chainrings "
    "look fine. Lesson learned — changing chains every 3000 km or so from now on. Thanks all!"
)

HEADPHONES_REVIEW = (
    "★★★☆☆ Great noise cancelling, frustrating everything else\n\n"
    "I bought the Aurel NC700 headphones for my commute (40 minutes on a loud underground line each "
    "way) and for working in an open-plan office. After six weeks of daily use, here's my honest "
    "take.\n\n"
    "The good: the noise cancelling is genuinely excellent. The rumble of the train almost disappears, "
    "and in the office I can't hear the keyboards next to me any more. Sound quality is warm and full, "
    "maybe a bit too heavy on bass for classical music but great for podcasts and pop. Battery life is "
    "as advertised: I charge them about once a week and they claim 30 hours with ANC on.\n\n"
    "The not so good: comfort. They clamp quite hard, and after about two hours I get a sore spot "
    "above my ears. I wear glasses, which probably makes it worse. The touch controls on the right ear "
    "cup are far too sensitive — adjusting the headphones on my head often pauses the music or skips a "
    "track. You can turn the touch controls off in the app, but then you lose volume control "
    "completely, which is silly.\n\n"
    "The app itself wants you to create an account before you can change any settings, even the "
    "equaliser. I don't see why headphones need my email address.\n\n"
    "Calls are fine indoors, but outdoors on a windy day people said I sounded like I was in a "
    "tunnel.\n\n"
    "At this price (I paid 279), I expected better comfort and fewer annoyances. If noise cancelling "
    "is the only thing you care about, they're worth considering. If you wear them for a full workday "
    "or take a lot of calls outside, look elsewhere."
)

GHENT_GUIDE = (
    "Ghent in a weekend\n\n"
    "Ghent is often overshadowed by Bruges, its more famous neighbour half an hour away by train, and "
    "that is exactly why many travellers end up preferring it. It is a working university city of "
    "about 260,000 people, with a medieval centre that is lived in rather than preserved for visitors, "
    "and a nightlife that carries on long after the day-trippers have gone home.\n\n"
    "Getting there and around\n"
    "Trains from Brussels take around 35 minutes and arrive at Gent-Sint-Pieters station, a 20-minute "
    "tram ride from the centre (tram 1 runs every few minutes). The centre itself is compact and "
    "largely car-free, so walking is the easiest way to get about. Bicycles can be rented at the "
    "station.\n\n"
    "What to see\n"
    "Start at St Bavo's Cathedral, home of the Ghent Altarpiece, painted by the brothers Hubert and "
    "Jan van Eyck and finished in 1432. Tickets for the altarpiece are timed, so book online in "
    "summer. From there, walk past the Belfry — climb it for the view, or take the lift part of the "
    "way — to the Graslei and Korenlei, the two quays lined with old guild houses that face each other "
    "across the river Leie. Gravensteen, the twelfth-century Castle of the Counts, is a short walk "
    "north; its audio guide is unusually funny.\n\n"
    "Eating and drinking\n"
    'Try a "Gentse waterzooi", a creamy stew traditionally made with fish but now usually with '
    "chicken, and the cone-shaped purple sweets called cuberdons, sold from carts near the "
    "Groentenmarkt. Ghent also has a large number of vegetarian restaurants; the city promoted one "
    "meat-free day a week as early as 2009.\n\n"
    "When to go\n"
    "July brings the Gentse Feesten, ten days of free street music and theatre, when the city is "
    "packed and hotels are expensive. Spring and early autumn are quieter and often just as pleasant."
)

SEMMELWEIS = (
    "Ignaz Semmelweis (1818–1865) was a Hungarian physician who is now remembered as an early pioneer "
    "of antiseptic practice, although his ideas were largely rejected during his lifetime.\n\n"
    "In 1846 Semmelweis took up a post in the First Obstetrical Clinic of the Vienna General Hospital. "
    "The hospital had two maternity clinics, and the difference between them troubled him. In the "
    "First Clinic, where medical students were trained, about one mother in ten was dying of puerperal "
    "fever, often called childbed fever. In the Second Clinic, where midwives were trained, the death "
    "rate was far lower, usually under 4%. Women knew this, and some begged not to be admitted to the "
    "First Clinic.\n\n"
    "The decisive clue came in 1847, when his colleague Jakob Kolletschka died after being "
    "accidentally cut with a student's scalpel during an autopsy. Kolletschka's illness looked very "
    "like childbed fever. Semmelweis concluded that doctors and students, who often came straight from "
    'dissecting corpses to examine women in labour, were carrying "cadaverous particles" on their '
    "hands. Midwives did not do autopsies.\n\n"
    "He required staff to wash their hands in a solution of chlorinated lime before examining "
    "patients. Within months the death rate in the First Clinic fell to around 1–2%, similar to the "
    "midwives' clinic.\n\n"
    "Many senior doctors were offended by the suggestion that they themselves were causing deaths, and "
    "his explanation did not fit the medical theories of the day. Semmelweis was slow to publish, and "
    "when he did, in 1861, his writing was bitter and attacked his critics personally. His contract in "
    "Vienna was not renewed, and he returned to Pest. In 1865 he was committed to an asylum, where he "
    "died two weeks later, probably of an infected wound. Only after the work of Louis Pasteur and "
    "Joseph Lister on germs did his findings gain wide acceptance."
)

FIREFLIES = (
    "How do fireflies glow?\n\n"
    "The light of a firefly is made by a chemical reaction inside special organs in the lower part of "
    "its abdomen, called lanterns. The main ingredient is a molecule called luciferin. When an enzyme "
    "called luciferase helps luciferin combine with oxygen, using energy from ATP (the molecule that "
    "powers most processes in living cells), the luciferin ends up in an excited state and releases "
    "its extra energy as a particle of light.\n\n"
    "This reaction is remarkably efficient. An ordinary incandescent light bulb turns only about 10% "
    "of its energy into light and the rest into heat, which is why it is hot to touch. The firefly's "
    "reaction turns most of its energy into light, so the lantern stays cool. For this reason the glow "
    'of fireflies and other animals is often called "cold light".\n\n'
    "But how does a firefly switch its light on and off? The answer seems to involve nitric oxide, a "
    "gas the insect produces in response to nerve signals. Normally the cells of the lantern use up "
    "the oxygen before it reaches the light-making reaction. When a nerve signal arrives, nitric oxide "
    "briefly blocks that use of oxygen, so oxygen floods into the reaction and the lantern flashes.\n\n"
    "Fireflies use their flashes mainly to find mates. Each species has its own pattern: the number of "
    "flashes, their length and the pause between them. Males usually fly and flash, while females "
    "answer from the grass. Some predatory females copy the answer of another species to lure males, "
    "and then eat them.\n\n"
    "The firefly's chemistry has become a useful tool in laboratories. Because the reaction needs ATP, "
    "scientists use luciferase to detect living cells, for example to test how clean a surface in a "
    "food factory is."
)

GREAT_STINK = (
    "In the hot summer of 1858, the River Thames in central London smelled so bad that the period "
    "became known as the Great Stink. For decades the city's growing population had emptied its sewage "
    "into the river, either directly or through old brick sewers that had originally been built to "
    "carry rainwater. The spread of flushing toilets in the 1840s and 1850s made things worse, because "
    "they sent far more water and waste into the system than before.\n\n"
    "In June 1858 temperatures in the shade reached around 34 °C, and the exposed mud and sewage along "
    "the banks baked in the sun. Members of Parliament, whose new building stood right beside the "
    "river, had the curtains soaked in chloride of lime to mask the smell, and there was talk of "
    "moving Parliament out of the city altogether.\n\n"
    'At the time, many doctors believed that diseases such as cholera were spread by "miasma", or '
    "bad air. The physician John Snow had argued in 1854 that cholera spread through contaminated "
    "water, but his view was not widely accepted. Ironically, it was the fear of the smell, not an "
    "understanding of germs, that finally forced action.\n\n"
    "Within weeks, Parliament passed a law giving the Metropolitan Board of Works the power and money "
    "to build a new system. Its chief engineer, Joseph Bazalgette, designed a network of intercepting "
    "sewers running parallel to the river, which carried waste east to outfalls downstream of the "
    "city. The work included building the Victoria, Albert and Chelsea embankments along the river, "
    "which hid the new sewers and also created new roads. The main system was largely finished by "
    "1875.\n\n"
    "Bazalgette deliberately made the pipes much larger than needed for the population of the time, "
    "reasoning that they would only be built once. That decision is one reason much of his system "
    "still works today."
)

REMOTE_ALLOWANCE = (
    "Home-working equipment allowance — policy summary (effective 1 January)\n\n"
    "Who is eligible\n"
    "All permanent and fixed-term employees on contracts of six months or longer who spend two or more "
    "days a week working at home under an agreed hybrid arrangement. Contractors and agency staff are "
    "not eligible. Employees who work fully on site should speak to Facilities instead.\n\n"
    "What the allowance covers\n"
    "Each eligible employee may claim up to €600 once every three years towards equipment for a safe "
    "and comfortable home workspace. Examples include an office chair, a desk or desk converter, a "
    "monitor, a keyboard and mouse, a headset, and a desk lamp. The allowance does not cover internet, "
    "electricity, phone contracts, furniture not used for work (sofas, shelving), or decoration. "
    "Laptops are provided by IT and must not be bought with the allowance.\n\n"
    "How to claim\n"
    "1. Buy the items yourself, keeping itemised receipts.\n"
    "2. Submit the receipts through the expenses system within 60 days of purchase, choosing the "
    'category "Home-working equipment". Your line manager approves the claim.\n'
    "3. The amount is paid with your next monthly salary. In some countries it may be taxable; the "
    "payroll team will apply the local rules.\n\n"
    "Ownership and leaving\n"
    "Items bought with the allowance belong to you. If you leave the company within twelve months of a "
    "claim, the amount claimed will be deducted from your final pay on a pro-rata basis (for example, "
    "if you leave after four months, two thirds of the amount will be deducted).\n\n"
    "Health and safety\n"
    "All hybrid workers must complete the online workstation self-assessment within one month of "
    "starting hybrid working. If the assessment identifies a need for specialist equipment (for "
    "example, an ergonomic chair for a medical condition), this is provided separately through "
    "Occupational Health and does not count towards the €600."
)

FORKLIFT_INCIDENT = (
    "Near-miss report NM-0412\n"
    "Site: Distribution Centre B, aisle 14\n"
    "Date and time: Tuesday, 02:40 (night shift)\n"
    "Reported by: shift supervisor\n\n"
    "What happened\n"
    "A reach truck was lowering a pallet of bottled water from the fourth level of racking in aisle "
    "14. A picker on foot entered the aisle from the far end to collect a single carton from a lower "
    "shelf, about eight metres from the truck. As the pallet came down, it caught the edge of the "
    "beam, tilted, and two shrink-wrapped cases (about 18 kg each) fell from the top of the load and "
    "landed roughly three metres from the picker. No one was injured, and no equipment was damaged "
    "apart from the stock.\n\n"
    "Immediate causes\n"
    "- The pallet had been wrapped loosely and the top layer had shifted in storage.\n"
    "- The picker did not see the truck's blue warning light because a stack of empty pallets near the "
    "aisle entrance blocked the view.\n"
    "- The aisle had no barrier or sign to stop pedestrians entering during high-level work, which "
    "site rules require.\n\n"
    "Underlying causes\n"
    "The night shift was two people short, and the picker had been moved from another zone and was not "
    'familiar with aisle 14. The portable "high-level work in progress" chains normally kept at each '
    "aisle end had been missing from aisles 12 to 16 for at least a week; this had been noticed but "
    "not reported.\n\n"
    "Actions\n"
    "1. Replace the aisle-end chains in aisles 12–16 and add them to the daily start-of-shift check "
    "(owner: site safety lead, due Friday).\n"
    "2. Remove the empty pallet stack from the aisle entrance and mark the area as a no-storage zone "
    "(owner: night shift supervisor, done).\n"
    "3. Re-brief all pickers on pedestrian rules in the reach-truck aisles, starting with staff moved "
    "between zones (owner: training coordinator, within two weeks).\n"
    "4. Quality check on inbound pallet wrapping from the supplier concerned (owner: goods-in manager)."
)

PHOTO_APP_RELEASE = (
    "Lumenpatch 4.2 — release notes\n\n"
    "New\n"
    "- Sky replacement now works on video clips up to 4K at 30 fps. It runs on the GPU where one is "
    "available and falls back to the CPU otherwise (expect about 3× slower).\n"
    '- A new "Batch rename" dialog lets you rename hundreds of files using patterns such as '
    "{date}_{camera}_{counter}. A live preview shows the first twenty names before you apply.\n"
    "- Support for RAW files from three more cameras, including the Fenwick X3.\n"
    "- The histogram can now show each colour channel separately.\n\n"
    "Improved\n"
    "- Opening a catalogue of more than 50,000 photos is roughly twice as fast, because thumbnails are "
    "loaded only when they scroll into view.\n"
    "- The healing brush respects the edges of objects better, so it no longer smears a wall into the "
    "sky.\n"
    "- Export presets can be reordered by drag and drop.\n\n"
    "Fixed\n"
    "- Fixed a crash when exporting a photo with a very long keyword list (more than 255 characters).\n"
    "- Fixed a bug where undo did not restore the crop after rotating an image by exactly 90°.\n"
    "- The app no longer forgets the last used folder after an update.\n"
    "- Fixed wrong colours in exported TIFF files on some wide-gamut monitors.\n\n"
    "Removed\n"
    '- The old "Classic" interface theme has been removed. Users who still had it selected are '
    'switched to "Graphite".\n'
    "- Support for macOS 11 ends with this version. Lumenpatch 4.2 will keep working on macOS 11 but "
    "will not receive further updates there.\n\n"
    "Known issues\n"
    "- Sky replacement on video may show a faint flicker at the horizon in clips with fast camera "
    "movement. A fix is planned for 4.2.1.\n"
    "- On Windows, the first launch after installing can take up to a minute while the fonts are "
    "indexed."
)

COMPOST_PRESS = (
    "FOR IMMEDIATE RELEASE\n\n"
    "City of Harrowgate launches kerbside food-waste collection for 48,000 homes\n\n"
    "HARROWGATE, 3 March — From 7 April, households in Harrowgate will be able to put out food scraps "
    "for weekly collection, the city's environmental services department announced today. The service "
    "will start in the northern and eastern districts and reach every house with its own front door by "
    "the end of September. Flats and apartment blocks will follow in a second phase next year.\n\n"
    "Each household will receive a free 23-litre lockable outdoor bin, a small kitchen caddy and a "
    "first roll of compostable liners. Residents can put in all cooked and uncooked food, including "
    "meat, fish, bones, dairy, bread, fruit and vegetable peelings, tea bags and coffee grounds. "
    "Garden waste, packaging and liquids should not be included.\n\n"
    "The collected scraps will be taken to an anaerobic digestion plant outside the city, which turns "
    "food waste into biogas for electricity and a fertiliser used by local farms. Officials estimate "
    "that food makes up about a third of what Harrowgate households currently throw into their general "
    "rubbish bins.\n\n"
    '"Every tonne of food we keep out of landfill saves money and cuts emissions," said councillor '
    'Ruth Abernethy, who chairs the environment committee. "We know people are busy, so we have made '
    'the service as simple as we can."\n\n'
    "The food-waste service is funded by a national grant of £2.1 million for the bins and vehicles. "
    "Because less rubbish will go to landfill, general waste collections will move from weekly to "
    "every two weeks once the food service is running in each area. Residents will receive a letter "
    "with their new collection days at least four weeks in advance.\n\n"
    "Ends."
)

HANDBALL_REPORT = (
    "Wolfsberg hold nerve to reach cup final\n\n"
    "Wolfsberg Women's Handball Club are into the national cup final for the first time in eleven "
    "years after a tense 27–25 win away at Eastmere on Saturday night.\n\n"
    "The second half was level until the final ten minutes. With the score at 22–22, Wolfsberg "
    "goalkeeper Sanne Kuypers saved two seven-metre throws in a row, and left back Ilona Varga, who "
    "finished with nine goals, scored twice from long range to open a lead that Eastmere could not "
    "close. Eastmere's pivot Jolien Maas ended with eight goals, but she was substituted with a knee "
    "problem in the 52nd minute and did not return.\n\n"
    '"At half-time I told them we had already played our worst twenty minutes," Rudolph said '
    'afterwards. "The defence won this game, and Sanne won it in the end."\n\n'
    'Eastmere\'s coach described the two penalty saves as "the whole match in thirty seconds" and '
    "said the club would know more about Maas's injury after a scan on Monday.\n\n"
    "Wolfsberg will meet the defending champions, Lindholm, in the final on 12 April."
)

LUGGAGE_COMPLAINT = (
    "Dear Customer Relations team,\n\n"
    "Reference: delayed baggage file PRG-88213, flight NW 441 on 2 August\n\n"
    "I am writing to complain about the handling of my delayed suitcase and to ask for reimbursement "
    "of my expenses.\n\n"
    "On 2 August I flew from Copenhagen to Prague with a connection in Frankfurt. My suitcase did not "
    "arrive. I reported this at the baggage desk in Prague that evening and was given the file number "
    "above. The staff told me the bag would most likely arrive on the next flight and be delivered to "
    "my hotel within 24 hours.\n\n"
    "It was not. Over the next four days I phoned your baggage line eleven times. Each time I was told "
    'that the bag was "being traced" and that I would be contacted, but nobody contacted me. The '
    'online tracking page showed the same status — "Searching" — for the whole period. The suitcase '
    "was finally delivered to my hotel on 7 August at 23:15, the evening before I was due to fly home. "
    "Its lock had been broken.\n\n"
    "Because I was attending a conference, I had to buy clothes, toiletries and a phone charger. I "
    "attach the receipts, which come to 312 euros. I have kept the purchases to what I needed for the "
    "conference and have not claimed for anything I could have done without.\n\n"
    "I would like:\n"
    "1. reimbursement of the 312 euros for essential purchases;\n"
    "2. 45 euros for the broken lock, as shown on the attached repair estimate;\n"
    "3. an explanation of why no one contacted me during those five days.\n\n"
    "I understand that bags are sometimes delayed. What I found unacceptable was the complete lack of "
    "information. I look forward to your reply within 30 days.\n\n"
    "Yours faithfully,\n"
    "Halvard Brekke"
)

ANTIKYTHERA = (
    "The Antikythera mechanism\n\n"
    "In 1901, sponge divers working off the small Greek island of Antikythera recovered a lump of "
    "corroded bronze and wood from a Roman-era shipwreck. The wreck, which sank around 60 BC, had "
    "already yielded marble and bronze statues, and the shapeless object was ignored for months. Then "
    "it split apart, revealing a gearwheel inside.\n\n"
    "We now know that the Antikythera mechanism was a hand-cranked device, about the size of a "
    "shoebox, that modelled the movements of the heavens. Turning a handle on its side moved pointers "
    "on the front and back dials. The front showed the positions of the Sun and Moon against the "
    "zodiac and the phase of the Moon, shown by a small ball that was half silver and half black. The "
    "back dials counted the years of a 19-year calendar cycle and predicted solar and lunar eclipses. "
    "One small dial even tracked the four-year cycle of the Panhellenic games, including the "
    "Olympics.\n\n"
    "At least 30 bronze gears survive, the largest with 223 teeth — the number of months in the "
    "eclipse cycle known to the Babylonians. Researchers using X-ray computed tomography in 2005 were "
    "able to read thousands of tiny letters engraved on the inner parts, essentially a user manual. "
    "These inscriptions suggest that the front also once showed the five planets known in "
    "antiquity.\n\n"
    "Nothing of comparable complexity is known from anywhere in the world for more than a thousand "
    "years afterwards. Who built it is still debated. Its design draws on Babylonian astronomy, and "
    "some scholars link it to workshops on Rhodes, where the astronomer Hipparchus worked.\n\n"
    "The fragments are displayed in the National Archaeological Museum in Athens, Room 38. Replicas "
    "beside them show how the gears fit together."
)

ISP_CHAT = (
    "[Chat transcript — Fibrelink Support]\n\n"
    "Agent (Dana): Hi, thanks for contacting Fibrelink. How can I help today?\n"
    "Customer: my internet keeps dropping like every 20 min since monday. lights on the router go "
    "orange then back to white\n"
    "Agent (Dana): Sorry to hear that. Can I confirm the account holder's name and the first line of "
    "the address?\n"
    "Customer: Rui Carvalho, 18 Tanner Row\n"
    "Agent (Dana): Thanks, Rui. I can see your line. Over the last three days the router has "
    "reconnected 61 times. Is the router connected to the white box on the wall (the fibre terminal) "
    "with the grey cable?\n"
    "Customer: yes\n"
    "Agent (Dana): Could you check whether the grey cable clicks firmly into both ends? Sometimes it "
    "gets slightly loose after furniture is moved.\n"
    "Customer: ok hang on. the one on the wall end was a bit loose actually. pushed it in\n"
    'Agent (Dana): Great. Now, on the white box, is the light marked "LOS" off, or is it red?\n'
    "Customer: its off. PON is green\n"
    "Agent (Dana): Perfect, that means the fibre signal is fine. The drops may also be caused by the "
    "router's firmware. I've just pushed an update to your router — it will restart in the next couple "
    "of minutes. Please don't switch it off during the update.\n"
    "Customer: ok its restarting\n"
    "Customer: back up\n"
    "Agent (Dana): Thanks. I'll monitor your line for the next 48 hours. If it drops more than twice "
    "in that time, I'll arrange an engineer visit at no charge, and I'll message you by text to book "
    "it. I've also added a credit of £5 to your next bill for the inconvenience.\n"
    "Customer: ok cool thanks\n"
    "Agent (Dana): You're welcome. Your reference number is FL-220915. Anything more I can do for you "
    "today?\n"
    "Customer: nope, all good\n"
    "Agent (Dana): Have a good day, Rui!"
)

COMMONS_LECTURE = (
    "[Transcript, Introduction to Environmental Economics, lecture 7]\n\n"
    "OK, let's get started. Today is about one of the most famous ideas in this course, the tragedy of "
    "the commons. The phrase comes from an essay by the ecologist Garrett Hardin in 1968, though the "
    "idea is much older — you can find versions of it in Aristotle.\n\n"
    "Here's the basic story. Imagine a pasture open to all herders in a village. Each herder asks: "
    "should I add one more cow? If I do, I get all the benefit of that cow — the milk, the meat. The "
    "cost, which is slightly less grass for everyone, is shared by all the herders. So for each "
    "individual, adding the cow is worth it. But everyone reasons the same way, the pasture is "
    "overgrazed, and in the end everyone is worse off. Individually rational, collectively "
    "disastrous.\n\n"
    "Now, Hardin drew a pretty gloomy conclusion: commons are doomed unless you either privatise them "
    "or have the government regulate them. And this is where I want you to be careful, because that "
    "conclusion turned out to be too simple.\n\n"
    "The political scientist Elinor Ostrom spent decades studying real commons — Swiss alpine meadows, "
    "irrigation systems in Spain and Nepal, fisheries in Turkey and Maine. Many of them had been "
    "managed sustainably for centuries, without privatisation and without a central government running "
    "them. The users had made their own rules. Ostrom found that these long-lasting commons share some "
    "features: clear boundaries around who can use the resource, rules that fit local conditions, "
    "monitoring by people accountable to the users, graduated sanctions — small penalties first, "
    "bigger ones for repeat offenders — and cheap ways to resolve conflicts. She won the Nobel Prize "
    "in economics for this work in 2009, the first woman to do so.\n\n"
    "A quick example to make this concrete. In the Turkish fishery of Alanya, which Ostrom describes, "
    "the local fishers had been fighting over the best fishing spots, and the conflicts were getting "
    "violent. In the 1970s they worked out a system themselves: every September, the eligible fishers "
    "draw lots for named fishing locations, and then each day everyone moves one location east, so "
    "that over the season everyone gets the same chances at the good spots. The fishers monitor it "
    "themselves — anyone who turns up at the wrong spot is noticed immediately, because the person "
    "whose turn it is will be there. No government wrote those rules.\n\n"
    "So for the problem set, when you analyse the fishery case, don't just say \"privatise it or "
    "regulate it\". Ask whether Ostrom's conditions are present. That's it for today; next week, "
    "externalities and Pigouvian taxes."
)

JOB_POSTING = (
    "Junior Data Analyst (12-month fixed term, possibility of extension)\n"
    "Team: Customer Insights | Location: Leeds, hybrid (2 days a week in the office) | Salary: "
    "£29,000–£32,000\n\n"
    "About the role\n"
    "We are a mid-sized online retailer of outdoor clothing and equipment. Our Customer Insights team "
    "of six helps the business understand who buys from us, why they come back, and why they don't. "
    "You'll join as our first junior analyst, working mostly with the marketing and product teams.\n\n"
    "What you'll do\n"
    "- Build and maintain weekly dashboards on sales, returns and customer retention.\n"
    '- Answer ad-hoc questions from colleagues, such as "did the spring email campaign bring in new '
    'customers?"\n'
    "- Clean and join data from our web analytics, order system and customer surveys.\n"
    "- Present findings clearly to people without a technical background.\n\n"
    "What we're looking for\n"
    "- Good working knowledge of SQL (joins, grouping, window functions are a plus).\n"
    "- Experience with a spreadsheet tool and at least one dashboard tool.\n"
    "- Some exposure to Python or R is welcome but not required; we'll train you.\n"
    "- A degree is not required. We care more about how you approach problems. In your application, "
    "describe one time you found something surprising in data.\n\n"
    "What we offer\n"
    "- 27 days holiday plus bank holidays.\n"
    "- A £1,000 yearly learning budget and time to use it.\n"
    "- 30% staff discount on everything we sell.\n\n"
    "Applying\n"
    "Upload your CV and a short cover letter (no more than one page) through our careers page by 28 "
    "February. Interviews will take place in the week of 10 March and include a 45-minute practical "
    "exercise using a sample dataset; you'll get the data 24 hours in advance."
)

SCHOOL_NEWSLETTER = (
    "Hillcrest Middle School — Friday Bulletin, Week 6\n\n"
    "Message from the principal\n"
    "What a busy few weeks! Thank you to everyone who came to the autumn concert. The orchestra played "
    "to a full hall, and the Year 7 choir performed in public for the first time. Recordings will be "
    "on the parent portal by Wednesday.\n\n"
    "Dates for your diary\n"
    "- Monday 20: Flu vaccinations for Years 7 and 8. Consent forms must be returned by this Friday; "
    "no form, no vaccination.\n"
    "- Thursday 23: Parents' evening, 4:00–7:30 pm. Book appointments through the portal. Slots are 8 "
    "minutes long, so please arrive a few minutes early.\n"
    "- Friday 24: Non-uniform day. Students may wear their own clothes in exchange for a donation of "
    "at least £1 to the local food bank.\n"
    "- Half term runs from Monday 27 to Friday 31. School reopens Monday 3 at the usual time.\n\n"
    "Head lice\n"
    "We have had several cases of head lice reported in Year 8. Please check your child's hair this "
    "weekend, and treat if necessary. Students do not need to stay home, but please let the office "
    "know.\n\n"
    "Lost property\n"
    "The lost property box is overflowing — there are more than forty jumpers and coats, most of them "
    "not labelled. Anything not collected by half term will be given to the second-hand uniform shop. "
    "Please write your child's name on their clothes!\n\n"
    "Lunchtime clubs\n"
    "The coding club is moving from Tuesday to Wednesday because the computer room is being used for "
    "exams. Chess club and the art club stay on Thursdays. New members are always welcome.\n\n"
    "Have a lovely weekend,\n"
    "Ms Okonkwo, Principal"
)

ANKLE_SPRAIN = (
    "After your ankle sprain: advice from the physiotherapy department\n\n"
    "A sprain is a stretch or tear of the ligaments, the strong bands that hold the bones of the ankle "
    "together. Most sprains happen when the foot rolls inwards. With the right care, most people "
    "recover in six to eight weeks, although it can take several months for a bad sprain to feel "
    "completely normal.\n\n"
    "The first few days\n"
    "For the first two or three days, your aim is to protect the ankle and control swelling.\n"
    "- Rest: use crutches if walking is very painful, but try to put some weight on the foot as soon "
    "as you can.\n"
    "- Ice: wrap an ice pack or a bag of frozen peas in a damp towel and hold it on the ankle for "
    "15–20 minutes every two to three hours. Never put ice directly on the skin.\n"
    "- Raise: keep the ankle above the level of your hip when you sit or lie down.\n"
    "- Avoid heat, alcohol and massage for the first 72 hours, as they can increase swelling.\n\n"
    "Exercises\n"
    "After the first few days, gentle movement helps healing. Start with these, three times a day:\n"
    "1. Ankle circles: sitting down, draw slow circles with your toes, ten in each direction.\n"
    '2. Alphabet: "write" the letters of the alphabet in the air with your big toe.\n'
    "3. Calf stretch: stand facing a wall with the injured foot behind, heel down, and lean forward "
    "until you feel a stretch. Hold for 30 seconds.\n"
    "When you can stand on the injured leg without pain, practise balancing on it for 30 seconds, "
    "holding onto a chair at first. Poor balance is the main reason sprains happen again.\n\n"
    "When to seek help\n"
    "Contact us or see a doctor if you cannot put any weight on the foot after three days, if the pain "
    "or swelling is getting worse rather than better, if the foot becomes numb, cold or pale, or if "
    "the ankle keeps giving way after six weeks."
)

MONARCHS = (
    "Each autumn, millions of monarch butterflies in eastern North America set off on one of the most "
    "remarkable journeys in the insect world. Butterflies from southern Canada and the north-eastern "
    "United States fly up to 4,000 kilometres south-west to a small area of mountain forest in central "
    "Mexico, where they spend the winter clustered by the thousands on the branches of oyamel fir "
    "trees.\n\n"
    "What makes this migration so puzzling is that no butterfly makes the round trip. A summer monarch "
    'lives only two to six weeks. The butterflies that fly south belong to a special "super '
    'generation" that is born in late summer. They do not breed during the autumn; instead they build '
    "up fat and can live for up to eight or nine months. In spring, they fly north as far as Texas and "
    "the southern United States, lay eggs on milkweed and die. It then takes three or four "
    "shorter-lived generations to reach Canada again. The butterflies that arrive in Mexico each year "
    "have never been there before.\n\n"
    'Scientists have found that monarchs navigate using a "sun compass" in their brains, which '
    "corrects for the sun's movement across the sky with an internal clock located partly in their "
    "antennae. On cloudy days, they seem to rely on a magnetic compass as well.\n\n"
    "The eastern population has fallen sharply since the 1990s. Researchers count it by measuring the "
    "area of forest the wintering colonies cover; in the winter of 1996–97 it was about 18 hectares, "
    "while in several recent winters it has been under 3 hectares. The main causes are thought to be "
    "the loss of milkweed, the only plant that monarch caterpillars eat, to farming and herbicides in "
    "the United States, logging in the wintering forests, and extreme weather. Planting native "
    "milkweed in gardens is one of the ways people try to help."
)

MONOLITH_BLOG = (
    "Why we merged our eleven services back into one\n\n"
    "Three years ago our team of nine engineers split our scheduling product into eleven "
    "microservices. Last quarter we merged them back into a single application. This post explains "
    "why, because I think the reasons apply to a lot of small teams.\n\n"
    "The split made sense on paper. Each service owned one part of the domain — calendars, "
    "notifications, billing, and so on — and could be deployed on its own. In practice, almost every "
    "feature touched three or four services at once. A change to how recurring appointments work meant "
    "coordinated changes to the calendar, availability and notification services, with versioned APIs "
    "between them, and three deployments that had to happen in the right order. We spent more time on "
    "the plumbing between services than on the product.\n\n"
    "Debugging got harder too. A slow page could be caused by any of six network calls, and we needed "
    "distributed tracing just to find out which one. Our cloud bill included eleven databases, most of "
    'them tiny and nearly idle. And with nine engineers and eleven services, "ownership" meant that '
    "some services had nobody who really knew them.\n\n"
    "The merge took about four months, done one service at a time behind the same external API, so "
    "customers noticed nothing. We kept the internal boundaries as separate modules with clear "
    "interfaces, and we enforce them with a simple check in our build that stops one module from "
    "importing another's internals.\n\n"
    "The results: deployment takes one pipeline instead of eleven, our median page load fell from 480 "
    "ms to 190 ms because most network calls became function calls, and our infrastructure costs "
    "dropped by about 40%. We did lose the ability to scale parts independently, but it turned out we "
    "never needed it: the whole application runs comfortably on three servers.\n\n"
    "If we did it again, we would do two things differently. First, we would have measured before "
    "splitting: we had assumed the notification service would need to scale separately, but in three "
    "years it never used more than a tenth of one server. Second, we would have invested earlier in "
    "the module boundaries inside the monolith. The real benefit of the split was that it forced us to "
    "think about boundaries, and you can get that without a network in between.\n\n"
    "Microservices solve organisational problems for large companies with many teams. We are one team. "
    "We should have built a well-structured monolith from the start."
)

CLOCKMAKER = (
    "Arnulf Zeller, who repaired clocks in the same narrow shop on Kettle Lane for fifty-two years, "
    "died on Sunday at the age of 88.\n\n"
    "Born in a village in the Black Forest, Zeller trained as a clockmaker from the age of fourteen "
    "and came to the town in 1961, when he answered a newspaper advertisement from a jeweller looking "
    "for someone to look after the clocks of the town hall and the two churches. He bought the "
    "business from the jeweller in 1970 and kept the name on the sign above the door, because, he "
    'said, "people were used to it."\n\n'
    "For decades he wound the town hall clock by hand every Monday, climbing 94 steps to the tower, "
    "until it was fitted with an electric motor in 2004. He was known for refusing to throw anything "
    "away: the back room of his shop held thousands of small drawers of springs, wheels and hands, and "
    "customers from as far away as Scotland sent him clocks that other repairers had given up on. He "
    "would not give a price until he had opened a clock, and he would not take a job if he thought the "
    'repair would cost more than the clock was worth to its owner — "sentimental value counts," he '
    "liked to add.\n\n"
    "In 2015 he trained a young apprentice, Leonie Baptiste, who took over the daily running of the "
    "shop when his eyesight began to fail. She has said that she will keep the shop open under its old "
    "name.\n\n"
    "Zeller's wife, Gertrud, died in 2011. He is survived by his daughter, Hanna, and two grandsons. "
    "The funeral will be held at St Michael's on Friday at 11 am. The family has asked that instead of "
    "flowers, donations be made to the town's museum, which plans to display one of the clocks he "
    "restored."
)

TICKET_REFUNDS = (
    "Ticket terms — cancellations, refunds and changes\n\n"
    '1. Tickets are sold by us as agent for the event organiser (the "Promoter"). The Promoter is '
    "responsible for the event.\n\n"
    "2. Cancelled events. If an event is cancelled and not rescheduled, you will receive a full refund "
    "of the ticket price and the booking fee, paid to the card used for the purchase within 14 days of "
    "the cancellation being announced. You do not need to contact us.\n\n"
    "3. Rescheduled or moved events. If an event is moved to a new date or a new venue, your tickets "
    "remain valid for the new date or venue. If you cannot attend, you may request a refund within 21 "
    "days of the change being announced. After this period, tickets cannot be refunded.\n\n"
    "4. Changes to the line-up. Changes to support acts, running times or the order of performers do "
    "not entitle you to a refund. A refund will only be offered if the headline performer named on the "
    "ticket does not appear.\n\n"
    "5. Your own change of plans. Tickets cannot be exchanged or refunded because you can no longer "
    "attend. You may resell your ticket only through our official resale service, at no more than the "
    "original price plus fees. Tickets resold elsewhere may be cancelled without a refund.\n\n"
    "6. Booking fees and delivery. The booking fee is refunded only in the cases described in clause "
    "2. Delivery charges for physical tickets are not refundable once the tickets have been sent.\n\n"
    "7. Weather. Outdoor events go ahead in most weather. If an event is stopped after it has started "
    "because of bad weather or a safety issue, a refund will be offered only if less than half of the "
    "scheduled headline performance has taken place.\n\n"
    "8. Nothing in these terms affects your statutory rights as a consumer."
)

BEEKEEPING_WINTER = (
    "Getting your hives ready for winter\n\n"
    "Honeybees don't hibernate. Through the winter the colony forms a tight cluster, and the bees keep "
    "the centre warm by shivering their flight muscles, eating stored honey as fuel. Your job in "
    "autumn is to make sure they have enough food, a dry home and a healthy queen.\n\n"
    "Food\n"
    "A colony in a temperate climate needs roughly 15–20 kg of stored honey to get through to spring. "
    "Lift the back of the hive slightly: a well-stocked hive feels heavy, like lifting a full crate of "
    "drinks. If it feels light, feed a thick sugar syrup (two parts sugar to one part water by weight) "
    "in September, while it is still warm enough for the bees to process and store it. Once nights "
    "fall below about 10 °C, switch to solid fondant placed directly above the cluster.\n\n"
    "Varroa\n"
    "Treat for varroa mites in late summer, after the honey harvest, and check the mite drop "
    "afterwards. A colony going into winter with a high mite load often collapses by February, even "
    "when it has plenty of food. Many beekeepers give a second treatment in midwinter, when there is "
    "no brood, because the mites have nowhere to hide.\n\n"
    "Protection\n"
    "Fit a mouse guard over the entrance before the first frosts; mice love warm, honey-filled hives. "
    "Reduce the entrance to help the bees defend against wasps. Make sure the roof is watertight and "
    "tilt the hive slightly forward so rain runs off. Damp kills more colonies than cold does, so "
    "leave some ventilation and do not wrap the hive tightly.\n\n"
    "Leave them alone\n"
    "After mid-October, avoid opening the hive. Every time you break the seal the bees have made with "
    "propolis, they lose heat and have to work to repair it. On a mild winter day, you can check that "
    "bees are flying from the entrance and clear away any dead bees that are blocking it."
)

ATACAMA_DIARY = (
    "Day 9 — San Pedro de Atacama\n\n"
    "The night bus from Antofagasta was meant to take five hours and took seven, because we stopped "
    "twice for reasons nobody explained: once in total darkness by the roadside, once at a police "
    "checkpoint where a dog sniffed every bag in the hold. I slept maybe two hours, wrapped in the "
    "blanket I'd been told to bring and was grateful for. Desert nights are cold — by three in the "
    "morning you could see your breath inside the bus.\n\n"
    "San Pedro itself is a village of low adobe houses and dusty streets, full of tour agencies, "
    "hostels and people in hiking boots. It sits at around 2,400 metres, and I felt it climbing the "
    "stairs to my room. Lucía at the hostel told me to drink lots of water and skip alcohol for the "
    "first two days, which I am mostly obeying.\n\n"
    "This afternoon I rented a bike and rode out to the Valle de la Luna, about 15 km away. The "
    "landscape really does look like another planet: salt crusts that crackle in the heat, huge sand "
    "dunes, ridges of rock carved by the wind. There is no shade at all. I'd brought two litres of "
    "water and finished both long before I was back. Watching the sunset from the big dune, the cliffs "
    "turned orange, then pink, then purple, and for about ten minutes nobody in the crowd said "
    "anything.\n\n"
    "Tomorrow I'm booked on the 4 am tour to the El Tatio geysers, which are at 4,300 metres and best "
    "at dawn. The agency told me to bring every warm layer I own, since it's often below minus ten "
    "before sunrise. Hard to believe after today's heat. Then two days of rest and writing before the "
    "salt flats tour to Bolivia."
)

EARNINGS_CALL = (
    "Velocraft Q3 results: sales down, margins up\n\n"
    "Velocraft, the maker of electric cargo bikes, reported third-quarter revenue of €84 million on "
    "Thursday, down 9% from a year earlier, as demand in its two largest markets, Germany and the "
    "Netherlands, continued to cool after the boom of the past few years. Analysts had expected €88 "
    "million.\n\n"
    "However, the company's gross margin improved to 31%, from 24% a year ago, because it sold fewer "
    "bikes at discount prices and cut the cost of its battery packs by moving production to its own "
    "plant in Poland. Operating profit came to €3.2 million, compared with a loss of €5.6 million in "
    "the same quarter last year. It was Velocraft's first profitable quarter in two years.\n\n"
    'Chief executive Maren Holt told analysts on a conference call that the company had "deliberately '
    'chosen profit over volume". Velocraft reduced its stock of unsold bikes by about a quarter '
    "during the quarter and cut 120 jobs, mostly in administration, in June.\n\n"
    "Velocraft lowered its full-year revenue forecast to between €320 million and €335 million, from "
    "€350 million previously, but said it now expected an operating profit for the year as a whole. "
    "Its shares rose 6% in early trading on Friday."
)

FOUR_DAY_WEEK = (
    "Opinion: A four-day school week is a false economy\n\n"
    "Our district's school board will vote next month on a proposal to move to a four-day school week, "
    "with longer school days from Monday to Thursday and no classes on Fridays. Supporters say it "
    "would save about $900,000 a year on buses, heating and substitute teachers, and help us recruit "
    "teachers in a tight job market. Both goals are real. But I believe the plan would cost our "
    "families far more than it saves the district.\n\n"
    "First, consider the children. Studies of rural districts that made the switch have found mixed "
    "results, and several found small but measurable declines in maths scores, especially for younger "
    "pupils. A school day that runs until 4:30 pm is a long day for a seven-year-old.\n\n"
    "Second, consider parents. Most parents in our town work five days a week. A free Friday is a "
    "holiday for a teacher but a childcare problem for a nurse or a shop worker. The proposal says the "
    "district would offer optional Friday activities, but these would cost $15 a day. For a family "
    "with two children, that is $120 a month, which is more than most families' share of any "
    "savings.\n\n"
    "Third, the savings are smaller than they look. Districts that adopted the four-day week typically "
    "saved between 1 and 2 percent of their budgets, because the biggest cost, salaries, stays the "
    "same.\n\n"
    "I agree that our teachers are underpaid and that recruitment is hard. But there are better "
    "answers, such as housing support for new teachers, which neighbouring districts have used "
    "successfully. Before the board votes, it should hold public meetings on Friday afternoons and "
    "Saturdays, when working parents can attend, and publish a full study of what the change would "
    "mean for children.\n\n"
    "— Roberta Kaine is a parent of two and a former school nurse."
)

PENCIL_HISTORY = (
    "The story of the modern pencil begins, according to local tradition, in the 1560s in Borrowdale, "
    "a valley in the English Lake District, where a storm is said to have uprooted a tree and exposed "
    "a deposit of a strange black mineral. Shepherds used it to mark their sheep. The substance was "
    "graphite — at the time people thought it was a form of lead, which is why we still speak of "
    'pencil "lead", although no pencil has ever contained any.\n\n'
    "The Borrowdale deposit was unusually pure and solid, so it could be sawn into sticks and used "
    "without further processing. It was so valuable that the mine was guarded, and at times it was "
    "opened for only a few weeks a year to keep prices high. Stealing graphite became such a problem "
    "that in 1752 Parliament made it a felony punishable by hard labour or transportation.\n\n"
    "Other countries had no such pure graphite and had to find another way. The breakthrough came in "
    "1795, when the French engineer Nicolas-Jacques Conté, working at a time when France was at war "
    "with Britain and cut off from English graphite, mixed powdered graphite with clay, pressed the "
    "mixture into sticks and fired it in a kiln. By changing the proportion of clay he could make "
    "leads harder or softer — more clay for a harder, paler line. This is essentially how pencils are "
    "still made today, and it is the origin of grading systems such as HB.\n\n"
    "Wooden casings were at first made by hand, gluing two grooved strips of wood around the lead. In "
    "the nineteenth century, factories in Germany and the United States mechanised the process, and "
    "cedar, which is soft and sharpens cleanly, became the favourite wood. The first pencils with "
    "attached erasers were patented in the United States in 1858.\n\n"
    "Borrowdale's graphite mine finally closed in the 1890s, but the Cumberland Pencil Company kept "
    "making pencils in nearby Keswick until 2008."
)

CARD_GAME_RULES = (
    "RIVERBEND — rules for 3 to 5 players (about 20 minutes)\n\n"
    "Components: 60 cards in four colours (blue, green, brown, grey), numbered 1 to 15, and 12 "
    '"bridge" tokens.\n\n'
    "Aim: be the player with the most points after the river has been crossed three times.\n\n"
    "Setup\n"
    "Shuffle the cards and deal 9 to each player. Place the rest face down as the draw pile and turn "
    'the top card face up next to it: this is the current "water level". Each player takes two '
    "bridge tokens; put any left over back in the box.\n\n"
    "Playing a turn\n"
    "Starting with the youngest player and going clockwise, each player either:\n"
    "a) plays one card that is higher than the water level, or of the same colour as it — the played "
    "card becomes the new water level; or\n"
    "b) passes and draws one card.\n"
    "A player who plays a card of the same colour and exactly one higher or one lower than the water "
    "level (for example, green 8 on green 7) may play a second card straight away.\n\n"
    "Bridges\n"
    "Instead of playing a card, you may spend one bridge token to play any card at all, regardless of "
    "the water level. Unused bridge tokens are worth 2 points each at the end of the game.\n\n"
    "Crossing the river\n"
    "When a player plays their last card, the river has been crossed. Each other player scores minus 1 "
    "point for each card left in their hand, and the player who went out scores 5 points. Then collect "
    "all cards, reshuffle and deal again. Bridge tokens are not returned.\n\n"
    "End of the game\n"
    "After the third crossing, add up the points, including 2 for each unused bridge token. The "
    "highest total wins. In a tie, the tied player with more bridge tokens left wins."
)

FOOD_BANK_ORIENTATION = (
    "Welcome to the Northgate Community Pantry — volunteer orientation\n\n"
    "Thank you for giving your time! This sheet covers what you need to know for your first shift. "
    "Please read it before you arrive.\n\n"
    "Shifts\n"
    "- Sorting: Mondays and Wednesdays, 9:30 am–12:30 pm. You'll check donated food for dates and "
    "damage and sort it onto the shelves.\n"
    "- Distribution: Tuesdays 4–7 pm and Saturdays 10 am–1 pm. You'll help visitors choose their "
    "groceries.\n"
    "- Delivery drivers (must be 21 or over with a clean licence): Thursdays, times vary.\n"
    "Please arrive 10 minutes early and sign in on the tablet at the front desk. If you can't make a "
    "shift, let the volunteer coordinator, Bea, know at least 24 hours ahead by text.\n\n"
    "Food safety\n"
    'Tinned and dry food can be given out up to two months after its "best before" date if the '
    'packaging is undamaged. Anything past a "use by" date must be thrown away — no exceptions. '
    "Dented tins are fine unless the dent is on a seam or the tin is swollen. Fridge items must be "
    "logged at 5 °C or below at the start of every shift.\n\n"
    "How we treat visitors\n"
    'Our visitors are our neighbours. We run a "choice pantry": people pick their own food from the '
    "shelves, like in a shop, instead of receiving a pre-packed bag. Don't ask visitors why they need "
    "help, and never comment on what they choose. Each household can visit once a week. If someone "
    "asks for more, or seems to be in crisis, please fetch the shift lead rather than deciding "
    "yourself.\n\n"
    "What to wear\n"
    "Closed-toe shoes are required in the warehouse. Wear clothes you don't mind getting dusty. We "
    "provide gloves and aprons.\n\n"
    "Under-16s can volunteer on Saturday shifts with a parent or guardian."
)

KARST_CAVES = (
    "Most of the world's large caves are found in limestone, and they are made not by flowing rivers "
    "cutting through rock but by chemistry.\n\n"
    "Rainwater absorbs a little carbon dioxide from the air as it falls, and much more as it soaks "
    "through soil, where decaying plants and roots release the gas. This turns the water into a weak "
    "carbonic acid. Limestone is made mostly of calcium carbonate, which dissolves slowly in acidic "
    "water. As the water seeps down through cracks and along the layers of the rock, it dissolves the "
    "limestone and carries it away, widening the cracks over tens or hundreds of thousands of years. "
    "Where the water collects, often just below the water table, passages grow into tunnels and "
    "chambers.\n\n"
    "Landscapes shaped in this way are called karst, after a region in Slovenia. On the surface, they "
    "are full of sinkholes, bare rocky pavements and streams that suddenly disappear underground. Much "
    "of the water supply in karst areas flows through caves, which makes it very easily polluted: "
    "there is no layer of soil and sand to filter it.\n\n"
    "Cave decorations form by the same reaction in reverse. When water dripping from a cave ceiling "
    "meets the cave air, which contains less carbon dioxide than the soil, the water gives off some of "
    "its carbon dioxide and can no longer hold all of its dissolved calcium carbonate. A tiny ring of "
    'mineral is left behind. Drip by drip, these rings build hollow "soda straws" that may later '
    "thicken into stalactites hanging from the ceiling, while the drops landing below build "
    "stalagmites up from the floor. Growth is slow — often around a centimetre in a century, though it "
    "varies a great deal with the amount of water and the air in the cave.\n\n"
    "Some caves form differently. Lava tubes are made when the surface of a lava flow cools and "
    "hardens while molten lava keeps flowing underneath, and sea caves are carved by waves."
)

SPACE_DEBRIS = (
    "Space agencies track more than 30,000 pieces of debris larger than about 10 centimetres in orbit "
    "around the Earth, and estimate that there are around a million between 1 and 10 centimetres, too "
    "small to track reliably. They include dead satellites, spent rocket stages, lost tools and "
    "fragments from explosions and collisions.\n\n"
    "Even small pieces are dangerous because of their speed. In low Earth orbit, objects travel at "
    "about 7.5 kilometres per second, and two objects in different orbits can meet at a combined speed "
    "of over 10 kilometres per second. At that speed, a fragment the size of a marble hits with the "
    "energy of a small car crashing at motorway speed. The International Space Station has had to "
    "change its orbit dozens of times to avoid tracked debris, and its modules are protected by "
    "layered shields designed to break up smaller particles.\n\n"
    "In 1978, the NASA scientist Donald Kessler warned that if the number of objects in a popular "
    "orbit passed a certain density, collisions would create fragments faster than the atmosphere "
    "could remove them, and each collision would make further collisions more likely. This chain "
    "reaction is now known as the Kessler syndrome. Two events in particular raised concern: a Chinese "
    "anti-satellite missile test in 2007, which destroyed an old weather satellite and created more "
    "than 3,000 trackable fragments, and the 2009 collision between an active commercial satellite and "
    "a dead Russian one.\n\n"
    "Objects in low orbits are slowly pulled down by the thin upper atmosphere and burn up, but above "
    "about 800 kilometres this can take centuries. Guidelines now ask operators to bring satellites "
    "down within 25 years of the end of their mission, and some regulators have shortened that to "
    "five. Several companies are testing ways to remove debris, such as capturing old satellites with "
    "nets, harpoons or robotic arms, but none is yet working at large scale.\n\n"
    "The problem is growing quickly. Large constellations of small communications satellites, planned "
    "to number in the tens of thousands, are being launched into low orbits. Their operators point out "
    "that their satellites fly low enough to fall back within a few years if they fail, and that they "
    "can steer automatically to avoid collisions. Astronomers and some space agencies worry "
    "nevertheless that the sheer number of objects will make close approaches a daily event, and that "
    "a single failure at the wrong moment could start exactly the kind of cascade Kessler described."
)

KINTSUGI = (
    'Kintsugi, which means "golden joinery", is the Japanese art of repairing broken pottery with '
    "lacquer mixed with or dusted with powdered gold, silver or platinum. Instead of hiding the "
    "damage, the repair makes the cracks into shining lines, and the object's history becomes part of "
    "its beauty.\n\n"
    "A popular story traces the practice to the fifteenth century, when the shogun Ashikaga Yoshimasa "
    "is said to have sent a broken Chinese tea bowl back to China for repair. It returned held "
    "together with ugly metal staples, and Japanese craftsmen set out to find a more beautiful method. "
    "Whether or not the story is true, kintsugi grew up alongside the tea ceremony, whose ideals "
    "valued simplicity, imperfection and objects that showed signs of use.\n\n"
    "The traditional technique is slow. The craftsperson uses urushi, the sap of the Japanese lacquer "
    "tree, as glue. The sap is toxic to touch until it has cured and can cause a severe rash, so it "
    "must be handled with care. The pieces are glued, and missing fragments are rebuilt with a paste "
    "of lacquer, flour or clay powder. Each layer must cure for days or even weeks in a warm, humid "
    "cabinet — unusually, urushi hardens best in moist air, not dry air. Finally, the seams are "
    "painted with a thin layer of lacquer and dusted with metal powder, then polished. A single repair "
    "can take a month or more.\n\n"
    "Many modern kits use epoxy resin and gold-coloured powder instead of urushi. They are quick and "
    "safe, but the result is not food-safe in most cases, and purists do not consider it true "
    "kintsugi.\n\n"
    "Kintsugi is often linked with wabi-sabi, the Japanese aesthetic of accepting impermanence and "
    "imperfection, and in recent years it has become a popular metaphor in self-help books for living "
    "with past hurts."
)

GIG_RULING = (
    "Tribunal rules that meal delivery riders are workers, not self-employed contractors\n\n"
    "An employment tribunal has ruled that three riders who delivered meals for the app-based company "
    'Dashbite were "workers" and are entitled to the minimum wage and paid holiday, in a decision '
    "that could affect thousands of people working for similar platforms.\n\n"
    "Dashbite had argued that its riders were independent contractors who could choose when to log in, "
    "could reject orders and could send a substitute to do a delivery in their place. The riders said "
    "that in practice they had little freedom: the app set the price of each delivery, riders who "
    "rejected more than a fifth of offers in a week were shown fewer jobs, and the right to send a "
    "substitute was so limited — the substitute had to be approved by Dashbite in advance — that none "
    "of the three had ever used it.\n\n"
    "The tribunal agreed with the riders. In its written judgment, it said the question was not what "
    'the contract said but how the relationship worked in reality, and that Dashbite "controlled the '
    'essential terms on which the riders worked". It found that riders were working not only while '
    "carrying food but during the time they were logged in and waiting for orders within their "
    "assigned zone.\n\n"
    "The company is expected to appeal. A Dashbite spokesperson said riders valued flexibility and "
    'that the ruling "does not reflect how the vast majority of riders choose to work with us".\n\n'
    "The union that backed the claim said it would now bring claims on behalf of another 400 riders. "
    "Lawyers say the decision applies only to the three claimants but is likely to be persuasive in "
    "future cases. The amount of back pay owed will be decided at a separate hearing in the spring."
)

STROLLER_RECALL = (
    "PRODUCT SAFETY RECALL — Nimbus Trio pushchair\n\n"
    "Bramwell Baby is recalling the Nimbus Trio pushchair (models NT-300 and NT-310) sold between 1 "
    "February and 30 June of this year, because the folding hinge on the left side of the frame may "
    "not lock fully. If the hinge is not locked, the pushchair can partly fold while in use, which "
    "could cause a child's fingers to be trapped or the child to fall.\n\n"
    "We have received 14 reports of the hinge unlocking. In two cases a child suffered minor bruising. "
    "No serious injuries have been reported.\n\n"
    "How to check if your pushchair is affected\n"
    "The model number and batch code are printed on a white label under the seat, near the rear "
    "wheels. Affected pushchairs have model number NT-300 or NT-310 and a batch code beginning with "
    "24B, 24C, 24D, 24E or 24F. Pushchairs with other batch codes are not affected. The carrycot and "
    "car seat sold with the Trio are not affected.\n\n"
    "What to do\n"
    "Stop using the pushchair immediately if it is affected. Contact us to arrange a free repair. A "
    "technician will replace the hinge at your home, usually within ten working days, or we will send "
    "you a prepaid box to return the frame if you prefer. If a repair is not possible, we will offer a "
    "full refund or a replacement pushchair.\n\n"
    "Please do not try to repair the hinge yourself.\n\n"
    "Contact\n"
    "Freephone: 0800 017 4455 (Monday to Saturday, 8 am to 8 pm)\n"
    "Web: our website's recall page, where you can enter your batch code.\n\n"
    "We are sorry for the inconvenience and concern this may cause. The safety of children is our "
    "first priority."
)

GLASSBLOWER_INTERVIEW = (
    "Q: How did you start working with glass?\n\n"
    "A: By accident, really. I was studying chemistry and took an evening class in glassblowing "
    "because a friend had signed up and didn't want to go alone. She dropped out after three weeks. I "
    "never stopped. Eventually I left the chemistry degree, trained for two years with a glassmaker in "
    "Murano, and opened this studio fourteen years ago.\n\n"
    "Q: What's the hardest thing for beginners?\n\n"
    "A: Patience with heat. Glass is worked at over a thousand degrees, and it has to be kept moving "
    "all the time or it sags. Beginners either turn the pipe too slowly, so the piece droops, or "
    "they're scared of the furnace and don't heat the glass enough, so it cracks when they try to "
    "shape it. Learning to read the colour of the glass — how it glows — takes about a year.\n\n"
    "Q: You've said the furnace never goes out. Is that true?\n\n"
    "A: Almost. My main furnace runs at about 1,150 degrees, day and night, from September to June. "
    "Heating it up from cold takes two days and turning it off and on again too often damages the "
    "lining. In July and August I shut it down for maintenance and my own holiday. The gas bill is the "
    "biggest cost of the studio — bigger than rent.\n\n"
    "Q: What happens after a piece is finished?\n\n"
    "A: It goes into an annealer, which is a kind of oven, at about 500 degrees, and cools down very "
    "slowly overnight. If you let a piece cool in the open air, the outside shrinks faster than the "
    "inside and it can crack days later, sometimes with a bang.\n\n"
    "Q: Any advice for someone who wants to try?\n\n"
    "A: Take a one-day taster class before buying anything. And wear cotton, not synthetic fabrics. "
    "They melt."
)

CAMPING_CHAT = (
    '[Group chat: "Lakeside weekend 🏕️"]\n\n'
    "Marta: ok so are we still on for the 21st-23rd?? I need to book the pitch by Friday\n"
    "Joel: yes!! me + Sanna for sure\n"
    "Dev: I'm in but I can only come Saturday morning, working Friday night\n"
    "Marta: that's fine. so 5 of us friday, dev joins saturday = 6\n"
    "Sanna: wait is Lukas coming?\n"
    "Marta: he said maybe, I'll count him as a no unless he says something by Thursday\n"
    "Joel: who has a tent for 4? ours is only 2 person\n"
    "Marta: I have a 4 person one. and Dev has his own\n"
    "Dev: yep bringing mine. also I can bring the big cooler but someone needs to pick up ice\n"
    "Sanna: we'll get the ice on the way, there's a petrol station right before the turnoff\n"
    "Marta: ok food plan: friday everyone brings their own dinner, saturday we do a barbecue together, "
    "I'll do the shopping and we split it\n"
    "Joel: I'm vegetarian now btw 🙂\n"
    "Marta: noted!! halloumi and veggie skewers\n"
    "Dev: the site has a fire ban until end of month according to their website, so no campfire. gas "
    "grill only\n"
    "Marta: ugh ok. I'll bring my camping stove then\n"
    "Sanna: and the pitch costs what?\n"
    "Marta: €18 per night for the pitch + €6 per person per night. I'll send everyone their share "
    "after\n"
    "Joel: 👍\n"
    "Marta: last thing, leaving from my place Friday at 5. Sanna can you drive the second car?\n"
    "Sanna: yes"
)

OK_ORIGIN = (
    '"OK" may be the most widely used word on the planet, understood by speakers of dozens of '
    "languages, but for a long time nobody knew where it came from. Theories pointed to the Scots "
    '"och aye", the Choctaw word "okeh", the Greek "ola kala" ("all is well"), and a biscuit '
    'supposedly stamped "OK" for the army.\n\n'
    "The puzzle was largely solved in the early 1960s by the American linguist Allen Walker Read, who "
    'spent years searching through old newspapers. He found that "OK" first appeared in print in the '
    "Boston Morning Post on 23 March 1839, as a joke. At the time, young, educated people in Boston "
    'and New York had a fashion for comic abbreviations based on deliberate misspellings: "K.Y." for '
    '"know yuse" (no use), "O.W." for "oll wright", and "O.K." for "oll korrect", meaning '
    '"all correct". Most of these abbreviations soon disappeared.\n\n'
    '"OK" survived thanks to politics. In the 1840 presidential election, supporters of President '
    'Martin Van Buren, who was nicknamed "Old Kinderhook" after his home town in New York, formed '
    '"O.K. Clubs". The slogan played on both meanings, and the abbreviation spread across the '
    "country. Van Buren lost the election, but the word won.\n\n"
    "Its later success owed much to the telegraph, where operators valued short signals, and to the "
    'fact that it is easy to pronounce in almost any language. Early on, "OK" was used mainly to '
    'mean "correct" or "approved", and people wrote it on documents to show they had been checked. '
    'Only later did it develop its many conversational uses, from "OK, let\'s go" to "the film was '
    'OK", meaning only fair.'
)

KIMCHI = (
    "Kimchi is the generic Korean name for salted and fermented vegetables, and there are hundreds of "
    "kinds. The best known abroad, baechu kimchi, is made with napa cabbage, but radish, cucumber and "
    "spring onion kimchi are just as common in Korean homes.\n\n"
    "The process has two stages. First, the cabbage is cut lengthwise and salted, either by rubbing "
    "salt between the leaves or by soaking it in strong brine, for several hours. Salting draws water "
    "out of the leaves, making them flexible and concentrating their flavour, and it discourages the "
    "growth of bacteria that would make the cabbage rot. Then the cabbage is rinsed and coated with a "
    "paste that typically contains Korean chilli flakes (gochugaru), garlic, ginger, spring onions, "
    "radish, and fish sauce or salted shrimp. The cabbage is packed tightly into jars or pots with as "
    "little air as possible.\n\n"
    "Fermentation is done by lactic acid bacteria that are naturally present on the vegetables. They "
    "convert sugars into lactic acid, which gives kimchi its sour taste and preserves it. At room "
    "temperature, kimchi starts to taste sour within a day or two; in the fridge, fermentation "
    "continues slowly for weeks. Many Koreans prefer kimchi at different stages for different uses — "
    "fresh and crunchy with rice, very sour in stews and pancakes.\n\n"
    "Traditionally, families made large amounts of kimchi in late autumn, in a communal event called "
    "kimjang, and stored it for the winter in earthenware pots buried in the ground, where the "
    "temperature stayed cool and steady. Today most households use special kimchi refrigerators, which "
    "are designed to keep the temperature just above freezing. Kimjang was added to UNESCO's list of "
    "intangible cultural heritage in 2013."
)

PASSPORT_NOTICE = (
    "Important changes to passport renewals from 1 September\n\n"
    "What is changing\n"
    "From 1 September, adults renewing a passport that expired less than five years ago must apply "
    "online. Paper application forms will no longer be available at post offices for adult renewals. "
    "Paper forms will still be available for first-time adult applicants, for children, and for people "
    'who cannot use the online service (see "Help with applying" below).\n\n'
    "The fee for an online adult renewal will rise from 82.50 to 88.00. The paper fee, where paper is "
    "still allowed, will rise to 100.50.\n\n"
    "Photographs\n"
    "Online applications need a digital photo. You can take one yourself with a phone against a plain, "
    "light-coloured wall, or get a digital code from a photo booth or shop that offers this service. "
    "Photos must have been taken in the last month. You must not wear glasses in your passport "
    "photo.\n\n"
    "Processing times\n"
    "Please allow up to three weeks for an online renewal. Do not book travel until you have your new "
    "passport. During the busiest months (March to August) processing can take longer. If you need a "
    "passport urgently, you can use the paid Fast Track service, which requires an appointment at one "
    "of seven passport offices and costs 178.00.\n\n"
    "Your old passport\n"
    "You will need to send your old passport by post after you apply. Your application will not be "
    "processed until it arrives. Any visas in your old passport will remain valid, and the passport "
    "will be cancelled and returned to you.\n\n"
    "Help with applying\n"
    "If you cannot apply online, for example because you do not have access to the internet or need "
    "help because of a disability, call the Passport Advice Line. An adviser can send you a paper form "
    "at the online fee, or arrange for someone to help you complete the online application by phone."
)

README_TOOL = (
    "# shrinkpic\n\n"
    "`shrinkpic` is a small command-line tool that resizes and recompresses images in bulk, for "
    "example before uploading holiday photos or adding screenshots to documentation. It supports JPEG, "
    "PNG and WebP.\n\n"
    "## Install\n\n"
    "    pip install shrinkpic\n\n"
    "Requires Python 3.10 or newer. No other system libraries are needed.\n\n"
    "## Usage\n\n"
    "    shrinkpic [OPTIONS] INPUT... -o OUTPUT_DIR\n\n"
    "`INPUT` can be files or folders. Folders are processed recursively. Originals are never modified; "
    "results are written to `OUTPUT_DIR` with the same file names and folder structure.\n\n"
    "Common options:\n\n"
    "- `--max-side N` — scale images down so that the longer side is at most N pixels (default: 2048). "
    "Images that are already smaller are not enlarged.\n"
    "- `--quality Q` — JPEG/WebP quality from 1 to 100 (default: 82).\n"
    "- `--format {keep,jpeg,webp}` — convert all images to one format (default: keep).\n"
    "- `--strip` — remove metadata (EXIF, including GPS location). Recommended before sharing photos "
    "publicly. Off by default.\n"
    "- `--jobs N` — number of images processed in parallel (default: number of CPU cores).\n"
    "- `--dry-run` — print what would be done and the estimated saving without writing anything.\n\n"
    "## Examples\n\n"
    "Resize a folder of photos to at most 1600 px and strip location data:\n\n"
    "    shrinkpic ~/Pictures/trip --max-side 1600 --strip -o ~/Pictures/trip-small\n\n"
    "Convert screenshots to WebP:\n\n"
    "    shrinkpic docs/img --format webp -o docs/img-webp\n\n"
    "## Notes\n\n"
    "PNG files are recompressed losslessly unless you convert them. Transparent PNGs converted to JPEG "
    "get a white background. Animated GIFs are skipped with a warning.\n\n"
    "## License\n\n"
    "MIT."
)

HEAT_ISLAND = (
    "On a still summer afternoon, the centre of a large city can be 4 to 8 °C hotter than the "
    "countryside around it, and the difference is often greatest at night. This is known as the urban "
    "heat island effect.\n\n"
    "Several things cause it. Dark surfaces such as asphalt roads and tar roofs absorb most of the "
    "sunlight that falls on them and store the heat, releasing it slowly after sunset. Concrete and "
    "brick do the same. Tall buildings trap heat radiating from the streets and block the wind that "
    "could carry it away. Cities also produce heat of their own, from car engines, air conditioners "
    "and factories. And because so much of the ground is sealed, there is little soil or vegetation to "
    "cool the air by evaporating water.\n\n"
    "The consequences are more than discomfort. During heatwaves, death rates rise most sharply in the "
    "hottest urban neighbourhoods, especially among elderly people living alone in top-floor flats. "
    "Hotter cities also use more electricity for cooling, which can strain power grids at the worst "
    "moment.\n\n"
    "Planting trees is one of the most effective responses. A mature street tree shades the pavement "
    "and the walls of nearby buildings, and it releases water vapour through its leaves, cooling the "
    "air around it. Studies in several cities have measured surface temperatures up to 10–15 °C lower "
    "under tree canopy than on sunlit asphalt nearby, though the effect on air temperature is smaller. "
    "Other measures include painting roofs white or pale colours so that they reflect sunlight, green "
    "roofs planted with vegetation, and replacing paved areas with permeable surfaces or water "
    "features.\n\n"
    "Trees take years to grow, however, and they need space, water and maintenance. Research in many "
    "cities has found that poorer neighbourhoods tend to have fewer trees and hotter streets, so "
    "planners increasingly direct new planting to the areas that need it most."
)

TULIP_MANIA = (
    "In the winter of 1636–37, the price of tulip bulbs in the Dutch Republic rose to extraordinary "
    "heights and then collapsed within a few weeks. The episode, known as tulip mania, is often called "
    "the first speculative bubble in history.\n\n"
    "Tulips had arrived in the Netherlands from the Ottoman Empire in the late sixteenth century and "
    'became fashionable among the wealthy. The most prized varieties had "broken" flowers, with '
    "striking flame-like streaks of colour. Nobody knew at the time that the streaks were caused by a "
    "virus, spread by aphids, which also weakened the bulbs. Because broken tulips could not be "
    "produced to order, the supply of the best varieties was very limited.\n\n"
    "Trade in bulbs took place mostly in taverns, through contracts to buy bulbs at a future date, "
    "since the bulbs themselves stayed in the ground for most of the year. Many buyers never intended "
    "to take delivery; they expected to sell the contract on at a higher price. At the peak, a single "
    "bulb of a famous variety such as Semper Augustus was reported to sell for more than the price of "
    "a fine house in Amsterdam.\n\n"
    "In early February 1637, at an auction in Haarlem, buyers suddenly failed to appear. Prices fell "
    "sharply, and within days the market had collapsed. Many contracts were never honoured, and the "
    "courts generally refused to enforce them, treating them as gambling debts.\n\n"
    "For a long time, the story was told as an example of mass madness that ruined thousands, largely "
    "based on a popular account written by the Scottish journalist Charles Mackay in 1841. More recent "
    "historians, especially Anne Goldgar, have argued that the trade involved a fairly small group of "
    "merchants and craftsmen, that few people were ruined, and that the Dutch economy was barely "
    "affected. Much of the famous moralising, they suggest, came from pamphlets written after the "
    "crash.\n\n"
    "Some economists have gone further and questioned whether the prices were irrational at all. They "
    "point out that the contracts traded in the final weeks had, by a change in the rules that was "
    "being discussed at the time, effectively become options: a buyer could walk away by paying a "
    "small fraction of the agreed price. If that is right, the headline prices did not reflect what "
    "buyers actually expected to pay. Others reply that even the prices of ordinary bulbs, not only "
    "the famous rarities, rose many times over in a few weeks, which is hard to explain without a "
    "speculative frenzy. The debate continues, and tulip mania remains, at the very least, a "
    "cautionary tale about how quickly a story can outgrow its evidence."
)

GUESTHOUSE_REVIEWS = (
    'Reviews for "Casa Albero" guesthouse, Lake Orta\n\n'
    '★★★★★ "Like staying with family" — Ingrid, Norway\n'
    "We stayed four nights in the room with the balcony over the lake. Paola, the owner, makes the "
    "breakfast herself: cakes, local cheese, eggs however you like them. She gave us a hand-drawn map "
    "of walks from the door. Only thing to know: it's a 12-minute walk uphill from the village and "
    "there's no lift, so pack light.\n\n"
    '★★★★☆ "Beautiful, but noisy on Saturdays" — Marcus, Germany\n'
    "The room was spotless and the view is incredible. On Saturday night there was a wedding at the "
    "restaurant next door and music until 1 am. Paola apologised and gave us earplugs, which was kind. "
    "Parking is limited to four cars; book a space when you reserve.\n\n"
    '★★★★★ "Best breakfast of our trip" — Daniela & Tom, UK\n'
    "We came for three nights and extended to five. The lake-view room is worth the extra €20. The "
    "ferry to the island leaves from the village square every 30 minutes in summer. Paola also "
    "arranged a cooking class for us with her cousin, which was a highlight.\n\n"
    '★★★☆☆ "Lovely host, rooms need updating" — Akira, Japan\n'
    "Paola is wonderful and breakfast is excellent. However, our room at the back had no view, the "
    "shower was very small and the Wi-Fi did not work in the room, only in the breakfast area. For the "
    "price (€110 a night) I expected a little more.\n\n"
    '★★★★★ "Quiet and romantic" — Léa, France\n'
    "Perfect for a few quiet days. We did not have a car and it was no problem — the bus from the "
    "train station stops at the bottom of the hill. Note: cash only for the tourist tax (€2 per person "
    "per night).\n\n"
    '★★☆☆☆ "Check-in was a problem" — Pieter, Netherlands\n'
    "Our train was delayed and we arrived at 10 pm. Nobody answered the phone or the door for forty "
    "minutes, and we waited outside with our bags. Paola was very apologetic the next morning and said "
    "she had been at the hospital with her mother, but there should be a key box or a backup contact. "
    "The rest of the stay was fine.\n\n"
    '★★★★★ "Worth the climb" — Sofia, Spain\n'
    "Yes, the hill is steep, but the view from the terrace at breakfast makes up for it. Paola lent us "
    "two bicycles for free and recommended a trattoria in the next village where we had the best "
    "risotto of our holiday. We will come back in autumn."
)

PASSAGES: dict[str, str] = {
    "library_fines": LIBRARY_FINES,
    "drill_battery": DRILL_BATTERY,
    "freelance_payment": FREELANCE_PAYMENT,
    "office_move": OFFICE_MOVE,
    "pta_minutes": PTA_MINUTES,
    "dal_recipe": DAL_RECIPE,
    "standing_desk": STANDING_DESK,
    "chain_thread": CHAIN_THREAD,
    "headphones_review": HEADPHONES_REVIEW,
    "ghent_guide": GHENT_GUIDE,
    "semmelweis": SEMMELWEIS,
    "fireflies": FIREFLIES,
    "great_stink": GREAT_STINK,
    "remote_allowance": REMOTE_ALLOWANCE,
    "forklift_incident": FORKLIFT_INCIDENT,
    "photo_app_release": PHOTO_APP_RELEASE,
    "compost_press": COMPOST_PRESS,
    "handball_report": HANDBALL_REPORT,
    "luggage_complaint": LUGGAGE_COMPLAINT,
    "antikythera": ANTIKYTHERA,
    "isp_chat": ISP_CHAT,
    "commons_lecture": COMMONS_LECTURE,
    "job_posting": JOB_POSTING,
    "school_newsletter": SCHOOL_NEWSLETTER,
    "ankle_sprain": ANKLE_SPRAIN,
    "monarchs": MONARCHS,
    "monolith_blog": MONOLITH_BLOG,
    "clockmaker": CLOCKMAKER,
    "ticket_refunds": TICKET_REFUNDS,
    "beekeeping_winter": BEEKEEPING_WINTER,
    "atacama_diary": ATACAMA_DIARY,
    "earnings_call": EARNINGS_CALL,
    "four_day_week": FOUR_DAY_WEEK,
    "pencil_history": PENCIL_HISTORY,
    "card_game_rules": CARD_GAME_RULES,
    "food_bank_orientation": FOOD_BANK_ORIENTATION,
    "karst_caves": KARST_CAVES,
    "space_debris": SPACE_DEBRIS,
    "kintsugi": KINTSUGI,
    "gig_ruling": GIG_RULING,
    "stroller_recall": STROLLER_RECALL,
    "glassblower_interview": GLASSBLOWER_INTERVIEW,
    "camping_chat": CAMPING_CHAT,
    "ok_origin": OK_ORIGIN,
    "kimchi": KIMCHI,
    "passport_notice": PASSPORT_NOTICE,
    "readme_tool": README_TOOL,
    "heat_island": HEAT_ISLAND,
    "tulip_mania": TULIP_MANIA,
    "guesthouse_reviews": GUESTHOUSE_REVIEWS,
}

# --------------------------------------------------------------------------- translation
# translation: a text in one language to put into another, the request before, after or implied.

TRANSLATION: list[str] = [
    (
        "Translate to English: Der Zug nach Hamburg hat heute voraussichtlich vierzig Minuten "
        "Verspätung, weil ein Baum auf die Gleise gefallen ist."
    ),
    (
        'what does this mean? "Je suis désolée, mais je ne pourrai pas venir à la réunion de jeudi. '
        "Pourriez-vous m'envoyer le compte rendu ?\""
    ),
    (
        '¿Me puedes traducir esto al inglés? "Se alquila habitación luminosa en piso compartido, '
        'cerca del metro, gastos incluidos. Preferiblemente estudiante o persona que trabaje."'
    ),
    (
        "Ho ricevuto questo messaggio dal mio padrone di casa, cosa dice in inglese?\n\n"
        '"Domani mattina verrà il tecnico per controllare la caldaia. Può lasciare le chiavi al '
        'portiere se non è in casa?"'
    ),
    (
        "Portuguese → English:\n"
        "A reunião foi adiada para a próxima segunda-feira porque metade da equipe está de férias."
    ),
    (
        'Kun je dit vertalen naar het Engels? "Wij zijn op zoek naar een enthousiaste collega voor '
        'onze klantenservice, twintig uur per week, ook op zaterdag."'
    ),
    (
        'Vad betyder det här på engelska? "Affären har stängt för inventering på måndag men öppnar '
        'som vanligt på tisdag klockan tio."'
    ),
    (
        "Przetłumacz na angielski, proszę: Zgubiłem portfel w autobusie linii 18. Jeśli ktoś go "
        "znalazł, proszę o kontakt."
    ),
    (
        'Please translate from Czech: "Na chatě není elektřina, takže si s sebou vezměte baterku a '
        'teplý spacák."'
    ),
    "Переведи на английский: Я забыла зонтик в кафе, и когда вернулась, его уже не было.",
    (
        "English?\n\n"
        "Шановні пасажири, через ремонт колії потяг до Львова відправлятиметься з третьої платформи."
    ),
    (
        "Μπορείς να μου το μεταφράσεις στα αγγλικά; «Το μουσείο είναι κλειστό κάθε Δευτέρα και τις "
        "επίσημες αργίες.»"
    ),
    (
        'Bu cümleyi İngilizceye çevirir misin: "Kargonuz bugün teslim edilemedi çünkü adreste kimse '
        'yoktu. Yarın tekrar denenecek."'
    ),
    "Translate this Arabic sign into English: ممنوع التدخين في جميع أنحاء المبنى، بما في ذلك الشرفات.",
    (
        "Can you translate this Hebrew text from my friend's card? \"מזל טוב ליום ההולדת! מאחלת לך שנה "
        'מלאה בבריאות, אהבה והרבה הרפתקאות."'
    ),
    "این جمله را به انگلیسی ترجمه کن: کتابخانهٔ شهر از هفتهٔ آینده تا ساعت ده شب باز خواهد بود.",
    (
        'मेरी दादी ने यह संदेश भेजा है, अंग्रेज़ी में इसका क्या मतलब है? "बेटा, खाना समय पर खाना और '
        'सर्दी में गरम कपड़े पहनना मत भूलना।"'
    ),
    "Translate from Bengali to English: আগামীকাল ভারী বৃষ্টির সম্ভাবনা আছে, তাই স্কুল বন্ধ থাকবে।",
    "请把这段话翻译成英文：这家小店的饺子是我吃过最好吃的，每天中午都要排很长的队。",
    (
        "日本語を英語に訳してください。\n\n"
        "「本日は台風の影響により、全ての便が欠航となりました。ご迷惑をおかけして申し訳ございません。」"
    ),
    "이 문장을 영어로 번역해 주세요: 지하철 2호선은 오늘 오후 세 시부터 다섯 시까지 운행하지 않습니다.",
    (
        'Bạn dịch câu này ra tiếng Anh được không? "Chợ nổi họp từ sáng sớm, người bán chở trái cây '
        'trên những chiếc thuyền nhỏ."'
    ),
    "แปลเป็นภาษาอังกฤษให้หน่อย: ร้านนี้ปิดทุกวันพุธ แต่เปิดถึงเที่ยงคืนในวันเสาร์",
    (
        "Terjemahkan ke bahasa Inggris: Penerbangan ke Denpasar ditunda dua jam karena cuaca buruk di "
        "bandara tujuan."
    ),
    ("Swahili to English please: Mvua kubwa imenyesha usiku kucha na barabara ya kuelekea sokoni imefungwa."),
    (
        'Mitä tämä tarkoittaa englanniksi? "Sauna on lämmin kello kuudesta alkaen, ja pyyhkeet '
        'löytyvät eteisen kaapista."'
    ),
    (
        '"A lift meghibásodott, kérjük, használja a lépcsőt. Köszönjük a türelmét!" — what does this '
        "notice in our hotel say?"
    ),
    (
        "Traduceți în engleză: Vă rugăm să păstrați bonul fiscal pentru eventuale retururi în termen "
        "de 30 de zile."
    ),
    (
        'Paki-translate sa English: "Pasensya na po, naubusan na kami ng tinapay. Bumalik po kayo '
        'bukas ng umaga."'
    ),
    (
        "Oversett til engelsk: Fergen til øya går hver time om sommeren, men bare tre ganger om dagen "
        "om vinteren."
    ),
    (
        'Translate the following into French: "Could you tell me where the nearest pharmacy is? My '
        'son has a fever."'
    ),
    (
        'How do you say "I\'m allergic to peanuts, does this dish contain any nuts?" in Japanese? '
        "Give the romaji too."
    ),
    (
        "Please translate this email into German, formal register:\n\n"
        "Dear Ms. Kowalczyk,\n"
        "Thanks for getting back to me so fast. Unfortunately the delivery arrived damaged, and two of "
        "the six chairs have broken legs. Could you please arrange for a replacement or a refund? I "
        "have attached photos of the damage.\n"
        "Kind regards,\n"
        "Joanna Pike"
    ),
    (
        'Translate into Italian: "My husband and I are celebrating our anniversary. Could we have a '
        'quiet table near the window at eight?"'
    ),
    (
        "I'm writing a card for my Brazilian colleague who is retiring. Can you translate it into "
        'Portuguese? "It has been a joy to work with you for twelve years. Enjoy every sunny morning '
        "— you've earned it!\""
    ),
    ("Translate to Korean: Thank you for hosting us. The dinner was delicious and we had a wonderful time."),
    "Put this into simplified Chinese: The meeting has been moved to Room 402 on the fourth floor.",
    "translate eng->arabic: welcome to our shop, all items are 20% off this week",
    (
        'Could you help me translate this into Russian for my neighbour? "Your parcel was delivered '
        'to us by mistake. You can pick it up any evening after 6."'
    ),
    (
        "Translate into Dutch: Please do not leave your bicycle in front of the entrance; there is a "
        "bike rack behind the building."
    ),
    ('Hindi me translate karo: "The doctor said you need to take this medicine twice a day after meals."'),
    'Turkish please: "Is this bus going to the airport, and how long does it take?"',
    (
        "EN → PL: Attention residents: the water will be turned off on Thursday between 8 am and 2 pm "
        "for pipe repairs."
    ),
    (
        "Translate the following passage from German into English.\n\n"
        "Als wir im Dorf ankamen, war es schon dunkel. Die einzige Gaststätte hatte geschlossen, und "
        "der Wirt, ein alter Mann mit einer Laterne, erklärte uns, dass die Küche seit einer Stunde "
        "kalt sei. Trotzdem brachte er uns Brot, Käse und eine Kanne Tee, und als wir bezahlen "
        'wollten, winkte er nur ab. „Morgen", sagte er, „morgen könnt ihr zahlen, wenn ihr wollt." '
        "Am nächsten Morgen war er nirgends zu finden."
    ),
    (
        "Traduis ce paragraphe en anglais, s'il te plaît :\n\n"
        "Le festival aura lieu du 12 au 15 juillet sur les bords du lac. Les concerts commencent à "
        "dix-huit heures et se terminent à minuit. L'entrée est gratuite pour les enfants de moins de "
        "douze ans. En cas de pluie, les spectacles seront déplacés sous le grand chapiteau près du "
        "parking."
    ),
    (
        "<|im_start|>system\n"
        "You translate customer emails for a bank's support desk. Output the English version only, no "
        "comments.<|im_end|>\n"
        "<|im_start|>user\n"
        "Hemos notado un cargo duplicado en su tarjeta. El importe será devuelto en un plazo de cinco "
        "días hábiles.<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    (
        "\"Spasibo bol'shoe, vy nam ochen' pomogli\" — my Russian host said this when we left. What "
        "does it mean in English?"
    ),
    (
        "Mi-a scris vecinul meu asta și nu înțeleg tot: „Mâine vine echipa de la gaze, te rog să lași "
        'ușa de la subsol descuiată."\n'
        "English please."
    ),
    (
        "keigo tte nan desu ka... anyway translate this japanese email line to english pls: "
        "「お手数ですが、添付の書類にご署名の上、今週金曜日までにご返送いただけますでしょうか。」"
    ),
    (
        "Render the following Greek proverb in English and explain it briefly: «Η καλή μέρα από το "
        "πρωί φαίνεται.»"
    ),
]

# ------------------------------------------------------------------------- summarization
# summarization: one passage above, to condense.

SUMMARIZATION: list[str] = [
    "Summarize this local news story in three sentences.\n\n" + LIBRARY_FINES,
    DRILL_BATTERY + "\n\ntl;dr? i just want the main dos and donts for the battery",
    (
        "Can you boil this clause down to plain English for a non-lawyer? Just the key points.\n\n"
        + FREELANCE_PAYMENT
    ),
    "I was off sick all week and came back to this. What's the gist?\n\n" + OFFICE_MOVE,
    (
        PTA_MINUTES + "\n\n"
        "Summarise these minutes for the school newsletter — one short paragraph, friendly tone."
    ),
    (
        "<|im_start|>system\n"
        "You are a helpful assistant that writes concise summaries.<|im_end|>\n"
        "<|im_start|>user\n"
        "Summarize the recipe below in 4-5 lines so I can decide if I want to cook it tonight.\n\n"
        + DAL_RECIPE
        + "<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    STANDING_DESK + "\n\nGive me the key takeaways of this abstract as bullet points.",
    (
        "Can someone give me a short recap of this thread? I have the same problem and don't want to "
        "read the whole thing.\n\n" + CHAIN_THREAD
    ),
    HEADPHONES_REVIEW + "\n\nSum up this review: pros, cons, verdict. Keep it under 60 words.",
    "Condense this travel guide into a quick cheat sheet I can read on the train.\n\n" + GHENT_GUIDE,
    SEMMELWEIS + "\n\nWrite a two-sentence summary of this biography.",
    (
        "Please provide a concise summary of the following text, suitable for a primary-school science "
        "display.\n\n" + FIREFLIES
    ),
    "need a summary of this for my history homework, like 5 sentences max pls\n\n" + GREAT_STINK,
    ("My manager asked me to explain this new policy to the team in 3 lines. Help?\n\n" + REMOTE_ALLOWANCE),
    (
        FORKLIFT_INCIDENT + "\n\n"
        "Summarize the incident report above for the weekly safety email. Use bullet points."
    ),
    (
        "[INST] Summarize the changes in this release in a short paragraph for our users' newsletter. "
        "[/INST]\n\n" + PHOTO_APP_RELEASE
    ),
    COMPOST_PRESS + "\n\nTL;DR:",
    "Short summary of this match report please, max 50 words.\n\n" + HANDBALL_REPORT,
    (
        "Could you summarise the letter below in a few lines? I need to forward it to our claims team "
        "with a short cover note.\n\n" + LUGGAGE_COMPLAINT
    ),
    ANTIKYTHERA + "\n\nSummarize the text above in one paragraph.",
    (
        "Hi! Can u make a short summary of this chat with support? I need to tell my landlord what "
        "happened with the internet.\n\n" + ISP_CHAT
    ),
    COMMONS_LECTURE + "\n\nI missed this lecture. What were the main points? Bullet points are fine.",
    "Give me the 3 most important things about this job ad.\n\n" + JOB_POSTING,
    (
        SCHOOL_NEWSLETTER + "\n\n"
        "What do I actually need to remember from this bulletin? Short list please, I'm a busy parent."
    ),
    (
        "Summarise the following patient leaflet in plain, simple language (around 100 words).\n\n"
        + ANKLE_SPRAIN
    ),
    "### Task\nSummarize the passage.\n\n### Passage\n" + MONARCHS + "\n\n### Summary",
    MONOLITH_BLOG + "\n\nCan you give me the TL;DR of this blog post? Our CTO keeps sending it around.",
    "Please write a brief summary of this obituary, in no more than three sentences.\n\n" + CLOCKMAKER,
    (
        TICKET_REFUNDS + "\n\n"
        "In short, when do I get my money back? Summarize the terms in a few bullet points."
    ),
    (
        "Here's an article from our beekeeping club newsletter. Could you condense it into a "
        "checklist-style summary?\n\n" + BEEKEEPING_WINTER
    ),
    (
        ATACAMA_DIARY + "\n\n"
        "This is from my travel diary. Can you summarise the day in 2-3 sentences for my Instagram "
        "caption?"
    ),
    ("Summarize the earnings news below for a busy investor. Answer in one sentence.\n\n" + EARNINGS_CALL),
    "What is the author's argument here, in a nutshell?\n\n" + FOUR_DAY_WEEK,
    PENCIL_HISTORY + "\n\nBriefly summarize.",
    (
        "Explain these rules to me quickly — summarize them so I can teach the game in a minute.\n\n"
        + CARD_GAME_RULES
    ),
    (
        "You are an assistant for a volunteer coordinator. Write a short summary of the orientation "
        "sheet below that can be sent as a text message to new volunteers (max 3 lines).\n\n"
        + FOOD_BANK_ORIENTATION
    ),
    KARST_CAVES + "\n\nSummarise this in plain words for a ten-year-old.",
    "Give a summary of the following article.\n\n" + SPACE_DEBRIS,
    KINTSUGI + "\n\nKey points?",
    (
        "Can you summarize this news story about the tribunal ruling? I want to understand what was "
        "decided and what happens next.\n\n" + GIG_RULING
    ),
    (
        STROLLER_RECALL + "\n\n"
        "My sister has a Nimbus pushchair. Please summarise this notice in a few short sentences that "
        "I can send her on WhatsApp."
    ),
    "Summarize the interview below. Use bullet points.\n\n" + GLASSBLOWER_INTERVIEW,
    CAMPING_CHAT + "\n\nI muted this group chat, what did they decide?? give me a summary",
    (
        "Hello, please make summary of this text, my english is not so good and it is long. Thank you "
        "very much.\n\n" + OK_ORIGIN
    ),
    KIMCHI + "\n\nSummarize the passage in about 80 words.",
    (
        "Sum up the notice below for my elderly father: what changes, what does he need to do. Keep it "
        "short and clear.\n\n" + PASSPORT_NOTICE
    ),
    "Write a one-paragraph summary of this README for our internal tools wiki.\n\n" + README_TOOL,
    HEAT_ISLAND + "\n\nGive me the gist of this in 3 bullet points.",
    "Summary please:\n\n" + TULIP_MANIA,
    (
        GUESTHOUSE_REVIEWS + "\n\n"
        "We're thinking of booking this place. Can you summarize what the reviewers say overall, good "
        "and bad?"
    ),
]

# ------------------------------------------------------------------------------------ qa
# qa: a short question with no context.

QA: list[str] = [
    "Why is the sky blue?",
    "who was the first woman to fly solo across the atlantic",
    "What is the boiling point of water at the top of Mount Everest?",
    "How many bones are in the adult human body?",
    "which country has the most islands",
    "What does a mitochondrion do in a cell?",
    "When did the Berlin Wall fall?",
    'Who wrote "One Hundred Years of Solitude"?',
    "what's the difference between a comet and an asteroid",
    "How does a refrigerator keep food cold?",
    "What is the longest river in Africa?",
    "Who discovered penicillin, and in what year?",
    "how long does light from the sun take to reach earth",
    "What is the capital of Kazakhstan?",
    "Why do onions make you cry?",
    "What language has the most native speakers?",
    "what is a black hole",
    "In which year did the Titanic sink? Answer in one sentence.",
    "How do vaccines work?",
    "What's the smallest country in the world by area?",
    "who painted girl with a pearl earring",
    "Why does copper turn green over time?",
    "Why do cats purr?",
    "What causes the seasons on Earth?",
    "quick q: how many players are on a rugby union team on the field",
    "Who was the Roman emperor when Mount Vesuvius erupted and buried Pompeii?",
    "What is the speed of sound in air?",
    "What is inflation in economics?",
    "where do kiwifruit originally come from",
    "How deep is the Mariana Trench?",
    "[INST] What is the tallest mountain in South America? [/INST]",
    "What is photosynthesis, in simple terms?",
    "who invented the world wide web",
    "How many strings does a standard violin have?",
    "What was the Rosetta Stone and why is it important?",
    "Why does ice float on water?",
    "What is the largest desert in the world?",
    "when was the first iphone released",
    "How does a compass work?",
    "What is the official language of Brazil?",
    "What do the rings of a tree trunk tell you?",
    "Who composed the Four Seasons?",
    "what is the hardest natural substance",
    "How many hearts does an octopus have?",
    "Which planet is closest to the sun?",
    "What does GDP stand for and what does it measure? Keep it short.",
    "why do we have leap years",
    "You are a trivia assistant. Question: Which city hosted the first modern Olympic Games?",
    "What's a haiku?",
    "How long did the Hundred Years' War actually last?",
]

# ------------------------------------------------------------------------ math_reasoning
# math_reasoning: a grade-school word problem.

MATH_REASONING: list[str] = [
    (
        "Nadia buys 3 notebooks at $2.40 each and a pen for $1.75. She pays with a $10 bill. How much "
        "change does she get?"
    ),
    "A recipe for 4 people uses 300 grams of rice. How much rice do you need for 10 people?",
    (
        "Tariq is 4 times as old as his daughter. In 6 years he will be 3 times as old as her. How old "
        "is his daughter now?"
    ),
    (
        "An outdoor pool measures 20 m by 8 m and is 1.5 m deep everywhere. How many litres of water "
        "does it take to fill it? (1 cubic metre = 1000 litres)"
    ),
    (
        "Lena's train leaves at 7:48 am and the journey takes 2 hours and 35 minutes. What time does "
        "she arrive?"
    ),
    (
        "A rain jacket normally costs $70. The shop marks it down by 30%, and Priya also has a voucher "
        "worth $4. What does she pay in the end?"
    ),
    (
        "the school has 12 classes with 28 students each. for a trip each bus holds 45 students. how "
        "many buses do they need??"
    ),
    "A cyclist rides 18 km in 45 minutes. At the same speed, how far will she ride in 2 hours?",
    "Marco has 3/4 of a pizza. He eats 1/3 of what he has. What fraction of the whole pizza is left?",
    "A rectangle has a perimeter of 46 cm. Its length is 5 cm more than its width. What is its area?",
    (
        "Every day Ines walks her dog for 35 minutes in the morning and 20 minutes in the evening. How "
        "many hours does she spend walking the dog in a 4-week month?"
    ),
    (
        "A farmer sells eggs in boxes of 6. His hens lay 130 eggs this week, and he keeps 10 for his "
        "family. How many full boxes can he sell, and how many eggs are left over?"
    ),
    (
        "Three friends have dinner and the bill comes to $96.60. They leave a 15% tip on top and "
        "divide the total equally. What does each friend pay?"
    ),
    (
        "A water tank is 2/5 full. After 180 litres are added, it is 4/5 full. What is the capacity of "
        "the tank?"
    ),
    (
        "Yuki saves $15 every week. Her brother Kenji starts with $60 and saves $9 every week. After "
        "how many weeks will they have the same amount?"
    ),
    (
        "A car uses 6.5 litres of fuel per 100 km. Fuel costs €1.80 per litre. How much does the fuel "
        "cost for a 340 km trip?"
    ),
    (
        "In a class of 30 students, 40% walk to school, 1/3 come by bus, and the rest come by car. How "
        "many come by car?"
    ),
    (
        "A shop sold 240 ice creams on Saturday. On Sunday it sold 15% more. How many ice creams did "
        "it sell over the whole weekend?"
    ),
    "Oliver is 3 years older than Maya. The sum of their ages is 27. How old is each of them?",
    (
        "One tap fills a bathtub in 6 minutes and a second tap fills it in 12 minutes. If both taps "
        "are opened together, how long does it take to fill the tub?"
    ),
    (
        "A phone plan costs $12 a month plus $0.05 per text message. In March, Sam's bill was $15.40. "
        "How many texts did he send?"
    ),
    (
        "A square photo measures 8 cm by 8 cm. It is put in a frame that adds a border 1 cm wide on "
        "every side. How many square centimetres does the border cover?"
    ),
    (
        "Aisha reads 24 pages an hour. Her book has 312 pages and she has already read 96. How many "
        "more hours does she need to finish it?"
    ),
    (
        "Solve step by step: A baker makes 5 trays of 24 cookies. He gives away 18 cookies and packs "
        "the rest into bags of 6. How many bags does he fill?"
    ),
    (
        "A plane leaves at 10:15 pm and lands 7 hours and 50 minutes later. The destination is 3 hours "
        "ahead. What is the local time when it lands?"
    ),
    (
        "A box of 12 pencils costs $3.60 and a single pencil costs $0.35. How much do you save per "
        "pencil by buying the box?"
    ),
    (
        "Mia's grandmother was 56 when Mia was born. Now Mia's age is one fifth of her grandmother's "
        "age. How old is Mia?"
    ),
    (
        "A train 120 m long passes through a tunnel 480 m long at 20 m per second. How long does it "
        "take from the moment the front enters the tunnel until the back leaves it?"
    ),
    (
        "Kofi earns $14 an hour. He works 8 hours a day from Monday to Friday and 5 hours on Saturday. "
        "Overtime on Saturday is paid at 1.5 times the normal rate. How much does he earn in a week?"
    ),
    (
        "Two thirds of the people at a party are adults. There are 14 children. How many people are at "
        "the party?"
    ),
    ("A garden hose fills a 60-litre barrel in 4 minutes. How long will it take to fill a 450-litre pond?"),
    ("A bookshop buys a book for $12 and sells it for $18. What is the percentage profit on the cost price?"),
    (
        "Hamid drives to his parents' house at 60 km/h and back at 90 km/h. The house is 90 km away. "
        "How long does the whole trip take, and what is his average speed?"
    ),
    (
        "The ratio of boys to girls in a choir is 3:5. There are 40 members. How many more girls than "
        "boys are there?"
    ),
    (
        "Dad has a 7.2 m length of ribbon and snips it into strips of 40 cm for gift bows. How many "
        "strips does he get?"
    ),
    (
        "On Monday the temperature was -4 °C at 6 am. It rose by 3 degrees every two hours until noon. "
        "What was the temperature at noon?"
    ),
    "A circular table has a diameter of 1.4 m. What is its area? Use pi = 22/7.",
    (
        "Elif's phone is at 80% charge, and watching videos drains 12 percentage points per hour. How "
        "many whole hours of videos can she watch before the charge falls under 20%?"
    ),
    ("A cinema has 18 rows of 24 seats. For a show, 5/8 of the seats are taken. How many seats are empty?"),
    (
        "i had 45 euros. i spent a third on a book and then half of what was left on lunch. how much "
        "do i have now"
    ),
    "A tree was 1.2 m tall when planted. It grows 35 cm a year. How tall will it be after 8 years?",
    (
        "Jonas is paid $450 for a job. He gives 10% to his agent and then pays 20% tax on the rest. "
        "How much does he keep?"
    ),
    "A cube has a volume of 216 cm³. What is the total surface area?",
    (
        "Two buses leave the same station at 9:00. One comes back every 12 minutes, the other every 18 "
        "minutes. When will they both be back at the station at the same time for the first time?"
    ),
    (
        "You are a patient math tutor for a 10-year-old. Problem: Zoe has 5 times as many stickers as "
        "Ben. Together they have 84 stickers. How many does Zoe have? Explain each step."
    ),
    (
        "A car park charges $2.50 for the first hour and $1.50 for each extra hour or part of an hour. "
        "Rosa parks from 10:40 am to 3:10 pm. How much does she pay?"
    ),
    (
        "A fruit seller buys 50 kg of mangoes for $110. 10% of them are spoiled and thrown away. He "
        "sells the rest at $3 per kg. What is his profit?"
    ),
    (
        "Ana's rectangular room is 4.5 m by 3.2 m. Carpet costs $22 per square metre. How much will it "
        "cost to carpet the whole room?"
    ),
    (
        "Three years ago, the sum of the ages of two sisters was 21. The older one is 5 years older "
        "than the younger. How old is the younger sister now? Give the final answer only."
    ),
    (
        "Keanu's monthly rent is $950 and goes up by 4% every year. What will his monthly rent be "
        "after 2 years? Round to the nearest dollar."
    ),
]

# ----------------------------------------------------------------------------------- rag
# rag: one passage above, sometimes among other snippets, and a question answered from it.

RAG: list[str] = [
    (
        "Context:\n" + LIBRARY_FINES + "\n\n"
        "Question: How much money did late fees bring in last year, and how will the shortfall be "
        "covered?"
    ),
    (
        "Based on the manual excerpt below, how long should I store the battery at half charge before "
        "topping it up?\n\n" + DRILL_BATTERY
    ),
    (
        "<document>\n" + FREELANCE_PAYMENT + "\n"
        "</document>\n\n"
        "Using only the document, answer: what interest rate applies to late payments, and when can "
        "the Contractor suspend the Services?"
    ),
    OFFICE_MOVE + "\n\nAccording to the emails, do the team leads get fixed desks on the new floor?",
    (
        "Read the minutes and tell me how much the council will put towards the new climbing frame.\n\n"
        + PTA_MINUTES
    ),
    "Why should the salt only be added at the end? Answer from the recipe.\n\n" + DAL_RECIPE,
    (
        "Retrieved documents:\n\n"
        "[1] Sit-stand workstations: a buyer's guide. Electric desks are faster to adjust than "
        "crank-operated ones, and a memory button helps if several people share a desk. Look for a "
        "height range that suits both the shortest and tallest users.\n\n"
        "[2] " + STANDING_DESK + "\n\n"
        "[3] Office ergonomics checklist: the top of the monitor should be at or slightly below eye "
        "level, and elbows should rest at roughly 90 degrees when typing.\n\n"
        "Question: In the trial, by how much did sitting time fall, and did back pain improve?"
    ),
    CHAIN_THREAD + "\n\nQ: What was causing the chain to skip, and how was it fixed?\nA:",
    (
        "You are a shopping assistant. Answer the customer's question using only the review "
        "provided.\n\n"
        "Review:\n" + HEADPHONES_REVIEW + "\n\n"
        "Customer question: Can I switch off the touch controls and still change the volume?"
    ),
    ("Passage: " + GHENT_GUIDE + "\n\nQuestion: how do I get from the train station to the centre of Ghent?"),
    "Who was Jakob Kolletschka and why did his death matter? Use the text below.\n\n" + SEMMELWEIS,
    (
        "Here is an article I found:\n\n" + FIREFLIES + "\n\n"
        "Based on it, why doesn't a firefly's lantern get hot?"
    ),
    (
        "Sources:\n"
        "(a) " + GREAT_STINK + "\n"
        '(b) The Thames Tideway Tunnel, a 25-kilometre "super sewer" running mostly under the river, '
        "was built in the 2010s and 2020s to stop the overflows from Victorian sewers that still "
        "happen after heavy rain.\n\n"
        "Using the sources, explain why Bazalgette built the sewers bigger than needed at the time."
    ),
    (
        REMOTE_ALLOWANCE + "\n\n"
        "If I claim the allowance and then leave the company after four months, what happens? Answer "
        "based on the policy."
    ),
    (
        "<|im_start|>user\n"
        "Answer the question using the report.\n\n"
        "Report:\n" + FORKLIFT_INCIDENT + "\n\n"
        "Question: Why didn't the picker see the truck's warning light?<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    "Does Lumenpatch 4.2 still run on macOS 11? Check the notes below.\n\n" + PHOTO_APP_RELEASE,
    (
        "Given the following press release, what can residents put in the food-waste bin and what "
        "should they leave out?\n\n" + COMPOST_PRESS
    ),
    (HANDBALL_REPORT + "\n\nWho scored the most goals for Wolfsberg, and who will they play in the final?"),
    (
        "Reference text:\n"
        '"""\n' + LUGGAGE_COMPLAINT + "\n"
        '"""\n'
        "How much money in total is the writer asking the airline for? Answer in one sentence."
    ),
    (
        'search results for "antikythera mechanism gears":\n\n'
        "1. Antikythera island — a small Greek island between Kythera and Crete with a population of a "
        "few dozen people, reached by a ferry a few times a week.\n"
        "2. " + ANTIKYTHERA + "\n"
        "3. Clockwork and the early modern world — mechanical clocks with gear trains appear in "
        "European church towers from the late thirteenth century onwards.\n\n"
        "Why does the largest surviving gear have 223 teeth?"
    ),
    (
        "From the transcript, what did the agent do to fix the connection and what did Rui get as "
        "compensation?\n\n" + ISP_CHAT
    ),
    (
        "Context information is below.\n"
        "---------------------\n" + COMMONS_LECTURE + "\n"
        "---------------------\n"
        "Given the context information and no prior knowledge, answer the query.\n"
        "Query: What features did Ostrom find in commons that lasted a long time?"
    ),
    JOB_POSTING + "\n\nDo I need a degree for this job? And what's in the interview?",
    "Read the bulletin and answer: is coding club still on Tuesdays?\n\n" + SCHOOL_NEWSLETTER,
    (
        "Use this leaflet to answer my question. My ankle is still too painful to stand on three days "
        "after the sprain — should I see someone?\n\n" + ANKLE_SPRAIN
    ),
    (
        "Question: How do monarchs find their way south?\n\n"
        "Document 1: " + MONARCHS + "\n\n"
        "Document 2: Painted lady butterflies also migrate long distances, travelling between Africa "
        "and Europe over several generations, but they do not gather in one wintering site."
    ),
    MONOLITH_BLOG + "\n\nAccording to the post, what happened to page load times after the merge?",
    "Here's an obituary from the local paper. Who is going to run the shop now?\n\n" + CLOCKMAKER,
    (
        "[INST] Use the terms below to answer. The headline act cancelled but the support band played. "
        "Can I get a refund?\n\n" + TICKET_REFUNDS + " [/INST]"
    ),
    "How much honey does a colony need for winter, according to this article?\n\n" + BEEKEEPING_WINTER,
    (
        "<context>\n" + ATACAMA_DIARY + "\n"
        "</context>\n"
        "<question>What is the altitude of the El Tatio geysers and why does the writer have to bring "
        "warm clothes?</question>"
    ),
    (
        EARNINGS_CALL + "\n\n"
        "Based on the article: what was Velocraft's gross margin this quarter and why did it improve?"
    ),
    (
        "The following is an opinion piece. How much would the optional Friday activities cost a "
        "family with two children per month, according to the author?\n\n" + FOUR_DAY_WEEK
    ),
    'Answer from the passage only. Why is pencil lead called "lead"?\n\n' + PENCIL_HISTORY,
    CARD_GAME_RULES + "\n\nrules question: what are unused bridge tokens worth at the end?",
    (
        "You are a helpful volunteer assistant. Answer based on the orientation sheet.\n\n"
        + FOOD_BANK_ORIENTATION
        + "\n\n"
        "Can we still give out a tin of beans that is one month past its best before date? It's not "
        "dented."
    ),
    (
        "Snippets:\n"
        "• " + KARST_CAVES + "\n"
        "• The deepest known cave in the world, Veryovkina in the Caucasus mountains, has been "
        "explored to a depth of more than 2,200 metres.\n"
        "• Show caves often limit visitor numbers because breath and body heat can change the cave air "
        "and damage formations.\n\n"
        "How do stalactites form?"
    ),
    SPACE_DEBRIS + "\n\nwhat is the kessler syndrome? answer using the text",
    (
        "Using the article, explain why urushi lacquer is cured in humid cabinets rather than dry "
        "air.\n\n" + KINTSUGI
    ),
    (
        "Passage:\n" + GIG_RULING + "\n\n"
        "Q: What arguments did Dashbite make, and what did the tribunal decide?"
    ),
    ("How can I tell if my pushchair is affected by this recall? Here's the notice.\n\n" + STROLLER_RECALL),
    (
        GLASSBLOWER_INTERVIEW + "\n\n"
        "Why does a finished glass piece go into the annealer instead of cooling in the open air?"
    ),
    (
        "based on this chat how much does the campsite cost per night and who is driving the second "
        "car\n\n" + CAMPING_CHAT
    ),
    (
        "### Context\n" + OK_ORIGIN + "\n\n"
        "### Question\n"
        'Where and when did "OK" first appear in print?\n\n'
        "### Answer"
    ),
    "Why do people salt the cabbage before making kimchi? Answer based on the text.\n\n" + KIMCHI,
    (
        PASSPORT_NOTICE + "\n\n"
        "Can I wear my glasses in the photo for an online renewal? Answer yes or no, then explain "
        "briefly."
    ),
    (
        "Documentation:\n" + README_TOOL + "\n\n"
        "User question: does shrinkpic remove GPS data from my photos by default?"
    ),
    (
        "According to this passage, why do cities get hotter than the countryside? Use bullet "
        "points.\n\n" + HEAT_ISLAND
    ),
    (
        "Source 1: Tulips are perennial flowers in the lily family, native to Central Asia, and grow "
        "best in regions with cool winters.\n\n"
        "Source 2: " + TULIP_MANIA + "\n\n"
        'Based on the sources, what caused the flame-like streaks in "broken" tulips?'
    ),
    (
        GUESTHOUSE_REVIEWS + "\n\n"
        "From the reviews: is there parking at Casa Albero, and do I need cash for anything?"
    ),
]

# ------------------------------------------------------------------------------ mt_bench
# mt_bench: writing, roleplay, reasoning, coding, extraction, STEM, humanities; some multi-turn.

MT_BENCH: list[str] = [
    (
        "Write a short story (about 300 words) about a night-shift security guard who discovers that "
        "the museum's statues rearrange themselves every night, but only by a few centimetres."
    ),
    (
        "Draft a friendly but firm email to a neighbour whose dog barks for hours every morning while "
        "they are at work. Suggest a solution, don't threaten."
    ),
    (
        "Write a cover letter for a barista applying to be a junior graphic designer. She has no "
        "degree but a strong portfolio of posters for local bands."
    ),
    "Compose a haiku sequence (three haiku) about the first snow in a city.",
    (
        "Pretend you are a weary 18th-century ship's cook. A new sailor complains about the food. "
        "Respond in character."
    ),
    (
        'You are a sommelier at a small restaurant. A customer who "doesn\'t really like wine" asks '
        "what to order with grilled fish. Stay in character and keep it light."
    ),
    (
        "Act as a job interviewer for a junior software developer position. Ask me your first "
        "question, then wait for my answer."
    ),
    (
        "Roleplay: you are a tired medieval innkeeper and I am a traveller arriving late at night "
        "without enough coins for a room. Start the scene."
    ),
    (
        "I have two ropes, each takes exactly one hour to burn, but they burn unevenly. How can I "
        "measure exactly 45 minutes?"
    ),
    (
        "If it takes 5 machines 5 minutes to make 5 widgets, how long would it take 100 machines to "
        "make 100 widgets? Explain."
    ),
    (
        "Anna is taller than Ben. Carla is shorter than Ben but taller than Dev. Eve is taller than "
        "Anna. Who is the second shortest?"
    ),
    (
        "A snail is at the bottom of a well 10 metres deep. Each day it climbs 3 metres, and each "
        "night it slides back 2 metres. On which day does it reach the top? Explain why the obvious "
        "answer of 10 days is wrong."
    ),
    (
        "Write a Python function that merges two sorted lists into one sorted list without using "
        "sort(). Include a couple of tests."
    ),
    (
        "Can you explain what this code does and find the bug?\n\n"
        "```python\n"
        "def average(nums):\n"
        "    total = 0\n"
        "    for n in nums:\n"
        "        total += n\n"
        "    return total / len(nums) if nums else 0\n"
        "print(average([]))\n"
        'print(average([1, 2, "3"]))\n'
        "```"
    ),
    (
        "Write a bash one-liner that finds the 10 largest files under the current directory, including "
        "subdirectories."
    ),
    (
        "Implement a function in JavaScript that returns the n-th Fibonacci number in O(n) time and "
        "O(1) space."
    ),
    (
        "Write a SQL query to find, for each department, the employee with the highest salary. Tables: "
        "employees(id, name, salary, department_id), departments(id, name)."
    ),
    (
        "Extract all dates and amounts from the following text and return them as a JSON list of "
        '{"date": ..., "amount": ...}:\n\n'
        '"The venue invoiced us $1,200 as a deposit, which we settled on 3 May. Catering wants $850 '
        'by 1 June, and the remaining $2,300 for the band falls due on 15 July."'
    ),
    (
        "From the following product descriptions, extract the brand, the product type and the price "
        "into a table:\n"
        "1. Norvik 2-slice toaster, brushed steel, €39.99\n"
        "2. Callisto wireless mouse with silent clicks — €24.50\n"
        "3. Hearthstone cast-iron skillet 26 cm, €45"
    ),
    (
        "Read these customer comments and classify each as positive, negative or mixed. Reply with the "
        "numbers and labels only.\n"
        "1. Delivery was quick but the box was crushed.\n"
        "2. Absolutely love it, already ordered a second one!\n"
        "3. Stopped working after a week. Waste of money.\n"
        "4. Fine for the price, nothing special."
    ),
    (
        "Explain how a heat pump can deliver more heat energy than the electrical energy it consumes. "
        "Does this break the laws of thermodynamics?"
    ),
    "What is CRISPR and how is it used to edit genes? Explain for a smart high-school student.",
    ('Why do airplane wings generate lift? Please address the common "equal transit time" misconception.'),
    (
        "Explain the difference between weather and climate, and why a cold winter does not disprove "
        "global warming."
    ),
    (
        "Discuss the main causes of the fall of the Western Roman Empire. Which do historians today "
        "consider most important?"
    ),
    (
        "Write a short essay comparing the role of the printing press in the Reformation with the role "
        "of social media in modern political movements."
    ),
    'What did Hannah Arendt mean by "the banality of evil"? Give an example and a common criticism.',
    (
        "Is it ever ethical to break a promise? Discuss with reference to Kant and to utilitarianism, "
        "about 400 words."
    ),
    (
        "User: Can you suggest a name for my new bakery? It specialises in sourdough and Scandinavian "
        "pastries.\n"
        'Assistant: Sure! How about "Rye & Cardamom", "The Northern Crumb" or "Hygge Loaf"?\n'
        'User: I like the second one. Now write a short slogan for it and a two-sentence "about us" '
        "text for the website."
    ),
    (
        "User: Write a limerick about a goat who can't stand rainy Tuesdays.\n"
        "Assistant: A goat on a hill near Dundee / Hated Tuesdays when rain filled the lea. / She'd "
        "sulk in the shed / With a sack on her head, / And refuse to come out until three.\n"
        "User: Nice. Now rewrite it so that she loves the rain instead."
    ),
    (
        "User: I'm planning a 3-day trip to Kyoto in November. What should I see?\n"
        "Assistant: November is maple season, so temple gardens are at their best. Day 1: Fushimi "
        "Inari early morning, then Tofuku-ji. Day 2: Arashiyama bamboo grove and Tenryu-ji. Day 3: "
        "Kiyomizu-dera and the Higashiyama streets.\n"
        "User: Great. I'm travelling with my 70-year-old mother who can't walk long distances. Can you "
        "adjust the plan?"
    ),
    (
        "<|im_start|>system\n"
        "You are a helpful assistant.<|im_end|>\n"
        "<|im_start|>user\n"
        "Write a product description for a handmade ceramic mug with a speckled blue glaze, 350 ml, "
        "dishwasher-safe.<|im_end|>\n"
        "<|im_start|>assistant\n"
        "Meet your new favourite morning companion: a hand-thrown stoneware mug finished in a speckled "
        "blue glaze that looks like a clear night sky...<|im_end|>\n"
        "<|im_start|>user\n"
        "Too flowery. Make it shorter and more practical, max 50 words.<|im_end|>\n"
        "<|im_start|>assistant"
    ),
    (
        "User: What is the time complexity of binary search?\n"
        "Assistant: O(log n), because each step halves the search space.\n"
        "User: And what if the array is not sorted? Can I still use it?"
    ),
    (
        "Write a persuasive speech (about 250 words) for a student council election, from a candidate "
        "who wants to bring back the school garden."
    ),
    "Give me a 5-day beginner workout plan for someone with no equipment at home. Use a table.",
    (
        "Rewrite this paragraph to be more concise and professional:\n\n"
        '"Yeah so the thing is the other team kinda sent us the numbers late, and because of that we '
        "weren't really able to get the report done by Friday like we promised, so now it's looking "
        'like maybe next week, hopefully early-ish."'
    ),
    (
        "Write a dialogue between a grumpy robot that operates a drawbridge and a duck who wants the "
        "bridge raised just for her."
    ),
    (
        "Stay in character as Ibn Battuta, the 14th-century traveller, being interviewed on a modern "
        'radio show. The host asks: "What was the hardest part of your journeys?"'
    ),
    (
        "Five houses in a row are painted different colours. The green house is immediately left of "
        "the white one. The red house is in the middle. The blue house is at one end, next to the "
        "yellow one. Which colour is each house, from left to right? Is there more than one solution?"
    ),
    (
        "Write a regular expression that matches valid 24-hour times like 09:45 or 23:59 but not 24:00 "
        "or 7:5. Explain each part."
    ),
    ("Explain the difference between a process and a thread, with an analogy a non-programmer could follow."),
    "Describe the water cycle, and explain how deforestation can change rainfall in a region.",
    (
        "Compare the economic ideas of Adam Smith and John Maynard Keynes. Use bullet points and "
        "finish with one sentence on which you find more relevant today."
    ),
    (
        "You're a travel agent. Plan a 5-day itinerary in Portugal for a couple on a budget who love "
        "food and don't want to rent a car."
    ),
    (
        'Evaluate the following argument and identify its logical flaw: "Every time I wash my car, it '
        'rains the next day. So washing my car causes rain."'
    ),
    (
        "Write a Python class for a simple bank account with deposit, withdraw (no overdraft allowed) "
        "and a transaction history. Add type hints."
    ),
    (
        "User: Explain recursion to me.\n"
        "Assistant: Recursion is when a function calls itself to solve a smaller version of the same "
        'problem, until it reaches a simple "base case" it can answer directly.\n'
        "User: ok but can u show an example in python that isn't factorial, everyone uses factorial"
    ),
    (
        "Here is a meeting transcript excerpt. List every action item with its owner and deadline as a "
        "markdown table.\n\n"
        "Sara: I'll send the revised budget to finance by Wednesday.\n"
        "Tom: Then I can update the slides — let's say Thursday noon.\n"
        "Sara: And someone needs to book the venue for the launch.\n"
        "Lin: I'll do that, by end of next week."
    ),
    "Write a sonnet about a smartphone's battery dying at the worst possible moment.",
    (
        "[INST] You are a Socratic tutor. Don't give me the answer. Help me figure out why 0.999... "
        "repeating equals 1. [/INST]"
    ),
]

# ----------------------------------------------------------------------------------- ood
# ood: text that asks for nothing.

OOD: list[str] = [
    (
        "2025-03-14T08:12:03.441Z INFO  [scheduler] tick id=88213 queued=4 running=2\n"
        "2025-03-14T08:12:03.502Z DEBUG [worker-3] picked job 7f2c9e1a (export_pdf)\n"
        "2025-03-14T08:12:04.117Z WARN  [worker-3] retrying upload to bucket=reports-eu attempt=2 "
        'err="connection reset by peer"\n'
        "2025-03-14T08:12:05.880Z INFO  [worker-3] job 7f2c9e1a done in 2378ms\n"
        "2025-03-14T08:12:06.002Z INFO  [scheduler] tick id=88214 queued=3 running=2"
    ),
    (
        "Traceback (most recent call last):\n"
        '  File "/opt/ledgerd/bin/ledger-sync", line 9, in <module>\n'
        "    sys.exit(cli())\n"
        '  File "/opt/ledgerd/lib/ledgerd/cli.py", line 77, in cli\n'
        "    pull_batch(conn, size=500)\n"
        '  File "/opt/ledgerd/lib/ledgerd/sync.py", line 141, in pull_batch\n'
        "    rows = cursor.fetchmany(size)\n"
        "psycopg2.OperationalError: server closed the connection unexpectedly\n"
        "\tThis probably means the server terminated abnormally\n"
        "\tbefore or while processing the request."
    ),
    (
        "00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|\n"
        "00000010  00 00 02 80 00 00 01 e0  08 06 00 00 00 35 d1 dc  |.............5..|\n"
        "00000020  e4 00 00 00 04 73 42 49  54 08 08 08 08 7c 08 64  |.....sBIT....|.d|\n"
        "00000030  88 00 00 20 00 49 44 41  54 78 9c ec dd 79 9c 5c  |... .IDATx...y.\\|"
    ),
    (
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3ItNDQxOSIsInNjb3BlIjoicmVhZDpvcmRlcnMiLCJle"
        "HAiOjE3NDIwMDAwMDB9.c2lnbmF0dXJlLWdvZXMtaGVyZS1ub3QtcmVhbA"
    ),
    (
        "[server]\n"
        "host = 0.0.0.0\n"
        "port = 8443\n"
        "workers = 4\n"
        "keepalive_timeout = 75\n\n"
        "[tls]\n"
        "cert = /etc/ssl/private/edge.crt\n"
        "key = /etc/ssl/private/edge.key\n"
        "min_version = TLS1.2\n\n"
        "[cache]\n"
        "backend = redis\n"
        "url = redis://cache.internal:6379/2\n"
        "ttl_seconds = 900"
    ),
    (
        "order_id,customer,sku,qty,unit_price,shipped_at\n"
        "100231,Halloran & Sons,BRK-4410,12,3.85,2025-02-03\n"
        "100232,Tessmer GmbH,VLV-0092,1,214.00,2025-02-03\n"
        "100233,Ortiz Landscaping,HSE-1120,30,0.95,\n"
        "100234,Tessmer GmbH,BRK-4410,6,3.85,2025-02-04\n"
        "100235,K. Muthoni,FLT-7731,2,19.99,2025-02-05"
    ),
    (
        '{"event":"checkout_completed","ts":1741946400,"user":{"id":"u_58821","country":'
        '"NZ","plan":"family"},"cart":[{"sku":"TEA-009","qty":2,"price":7.5},{"sku":'
        '"MUG-114","qty":1,"price":14.0}],"payment":{"method":"card","3ds":true},"latenc'
        'y_ms":412}'
    ),
    "asdfjkl; asdfjkl;;; qwerty uiop[] zxcvbnm,./ ghghghgh jjjjjjjkkkkk",
    "4 8 15 16 23 42 4 8 15 16 23 42 7 19 3 88 1024 65535 12 0 0 0 31",
    (
        '<div class="card product" data-id="55102">\n'
        '  <img src="/img/p/55102-thumb.webp" alt="">\n'
        '  <h3 class="card__title">Linen apron, sage</h3>\n'
        '  <span class="price price--sale">€24.00 <s>€32.00</s></span>\n'
        '  <button class="btn btn-primary" disabled>Sold out</button>\n'
        "</div>"
    ),
    (
        "Mar 14 03:17:42 gw01 kernel: [1843221.005117] eth1: Link is Down\n"
        "Mar 14 03:17:45 gw01 kernel: [1843224.331902] eth1: Link is Up - 1Gbps/Full - flow control "
        "rx/tx\n"
        "Mar 14 03:17:45 gw01 dhclient[912]: DHCPREQUEST for 10.20.4.17 on eth1 to 10.20.0.1 port 67\n"
        "Mar 14 03:17:45 gw01 dhclient[912]: DHCPACK of 10.20.4.17 from 10.20.0.1\n"
        "Mar 14 03:17:46 gw01 systemd[1]: Reloading nginx.service..."
    ),
    (
        "[Unit]\n"
        "Description=Nightly tile cache warmer\n"
        "After=network-online.target\n"
        "Wants=network-online.target\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        "User=tiles\n"
        "ExecStart=/usr/local/bin/tilewarm --zoom 4-12 --region alps\n"
        "Nice=10\n"
        "TimeoutStartSec=3h\n\n"
        "[Install]\n"
        "WantedBy=multi-user.target"
    ),
    "U2hpcHBpbmcgbWFuaWZlc3QgLSBwYWxsZXQgMTQgb2YgMjAgLSBzZWFsZWQgYXQgMDY6NDUgYnkgZ2F0ZSAz",
    (
        'java.lang.NullPointerException: Cannot invoke "com.acme.billing.Invoice.getTotal()" because '
        '"inv" is null\n'
        "\tat com.acme.billing.ReportBuilder.addRow(ReportBuilder.java:88)\n"
        "\tat com.acme.billing.ReportBuilder.build(ReportBuilder.java:52)\n"
        "\tat com.acme.billing.jobs.MonthlyReportJob.run(MonthlyReportJob.java:31)\n"
        "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)"
        "\n"
        "\tat java.base/java.lang.Thread.run(Thread.java:840)"
    ),
    "lol",
    (
        "station,date,tmin_c,tmax_c,precip_mm\n"
        "KVL-03,2024-11-01,3.1,9.8,0.0\n"
        "KVL-03,2024-11-02,4.4,11.2,2.6\n"
        "KVL-03,2024-11-03,6.0,10.1,14.8\n"
        "KVL-03,2024-11-04,2.2,7.5,0.4"
    ),
    (
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n"
        "0000000000000000000000000000000000000000000000000000000000000000\n"
        "deadbeefcafebabe0123456789abcdef8badf00d1337c0de00ff00ff55aa55aa"
    ),
    (
        '192.168.1.44 - - [14/Mar/2025:10:02:11 +0100] "GET /assets/app.3f9c1.js HTTP/1.1" 200 48213 '
        '"https://shop.example/" "Mozilla/5.0 (Windows NT 10.0; rv:128.0)"\n'
        '192.168.1.44 - - [14/Mar/2025:10:02:12 +0100] "GET /robots.txt HTTP/1.1" 404 153 "-" '
        '"curl/8.5.0"\n'
        '10.0.3.9 - - [14/Mar/2025:10:02:13 +0100] "POST /api/cart HTTP/1.1" 201 88 "-" '
        '"okhttp/4.12.0"'
    ),
    ".........",
    (
        "[package]\n"
        'name = "tidewatch"\n'
        'version = "0.4.2"\n'
        'edition = "2021"\n\n'
        "[dependencies]\n"
        'serde = { version = "1", features = ["derive"] }\n'
        'tokio = { version = "1.37", features = ["rt-multi-thread", "macros"] }\n'
        'reqwest = { version = "0.12", default-features = false, features = ["rustls-tls"] }'
    ),
    (
        "Name\tDept\tExt\n"
        "Beatriz Lomba\tProcurement\t4471\n"
        "Gunnar Holm\tIT\t4402\n"
        "Ife Adeyemi\tLegal\t4519\n"
        "Wu Jiahui\tFacilities\t4380"
    ),
    (
        "-----BEGIN CERTIFICATE-----\n"
        "MIIDdzCCAl+gAwIBAgIEQk9hXzANBgkqhkiG9w0BAQsFADBsMRAwDgYDVQQGEwdV\n"
        "bmtub3duMRAwDgYDVQQIEwdVbmtub3duMRAwDgYDVQQHEwdVbmtub3duMRAwDgYD\n"
        "VQQKEwdVbmtub3duMRAwDgYDVQQLEwdVbmtub3duMRAwDgYDVQQDEwd0aWRld2F0\n"
        "-----END CERTIFICATE-----"
    ),
    (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="trailrec">\n'
        "  <trk><name>Morning loop</name><trkseg>\n"
        '    <trkpt lat="46.52291" lon="6.63312"><ele>402.1</ele><time>2025-03-09T07:02:11Z</time><'
        "/trkpt>\n"
        '    <trkpt lat="46.52304" lon="6.63355"><ele>403.0</ele><time>2025-03-09T07:02:19Z</time><'
        "/trkpt>\n"
        "  </trkseg></trk>\n"
        "</gpx>"
    ),
    (
        "0.0012 0.0031 0.0007 0.0129 0.0044\n"
        "0.0518 0.0467 0.0502 0.0491 0.0533\n"
        "1.0000 0.9981 0.9975 0.9990 0.9968"
    ),
    (
        "$ git status\n"
        "On branch feature/invoice-export\n"
        "Your branch is ahead of 'origin/feature/invoice-export' by 2 commits.\n\n"
        "Changes not staged for commit:\n"
        "\tmodified:   src/export/pdf.ts\n"
        "\tmodified:   src/export/csv.ts\n\n"
        "Untracked files:\n"
        "\tnotes.txt"
    ),
    (
        "| sprint | planned | done | carried |\n"
        "|-------:|--------:|-----:|--------:|\n"
        "| 41 | 34 | 29 | 5 |\n"
        "| 42 | 30 | 30 | 0 |\n"
        "| 43 | 36 | 27 | 9 |"
    ),
    (
        "npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.\n"
        "npm WARN deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported\n"
        "added 1184 packages, and audited 1185 packages in 41s\n"
        "214 packages are looking for funding\n"
        "  run `npm fund` for details\n"
        "3 moderate severity vulnerabilities"
    ),
    "#FF6B35 #F7C59F #EFEFD0 #004E89 #1A659E",
    (
        "SELECT COUNT(*) FROM sessions WHERE started_at > now() - interval '1 day';\n"
        " count\n"
        "-------\n"
        " 18422\n"
        "(1 row)"
    ),
    (
        "<!-- TODO: remove before release -->\n"
        '<script>window.__FLAGS__={"newCheckout":true,"darkMode":false,"betaSearch":"cohort-b"}'
        ";</script>"
    ),
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


def blind_rows() -> list[dict[str, str]]:
    """The labelled rows (:func:`bench.task_eval.hand_written.labelled_rows` of :data:`GROUPS`)."""
    return labelled_rows(GROUPS)


def write_blind(out: Path = BLIND_OUT) -> list[dict[str, str]]:
    """Write the rows to ``out`` (default: the shipped set), one JSON object a line; return them."""
    return write_rows(blind_rows(), out)
