"""Hand-written routing set for one final evaluation of the task router (``holdout.jsonl``).

    python -m bench.task_eval.generate --set holdout    # rewrites bench/task_eval/holdout.jsonl

Written after the blind set (``blind.jsonl``), because every earlier set (``prompts.jsonl``,
``dev.jsonl``, ``test.jsonl``, ``final.jsonl``, ``blind.jsonl``) had by then been used to tune the
router. Every prompt and passage here was written by hand, one at a time, in the voices of
different users (terse, chatty, formal, non-native English, lower case, typos, markdown, bullet
points, a few system prompts and chat wrappers, a few format suffixes): nothing is templated
or drawn at random (they were typed into a plain-text draft and only wrapped into the literals
below by a formatting script). Their author wrote them from scratch, blind to the router: it did
not read the router's code, its trained models (``models/tasks/``) or its documentation
(``docs/tasks.md``), did not read the earlier banks' or sets' prompts (only ``blind_bank.py``'s
docstring and public names, which this module mirrors, and a few Spec-Bench lines to see what
each group's task is), and ran no router, classifier or model on these prompts. Automated word
n-gram checks against the earlier sets and Spec-Bench, printing only this set's own ids and the
shared phrases, were run on the draft; prompts and passages that shared a run of six or more
words beyond stock phrases were rewritten, and the tests keep every run of eight words apart.
It is for one evaluation only (of router format 6): never to train, tune or choose
anything; once it has been looked at it is no longer held out.

Groups as Spec-Bench names them, 50 prompts each: translation (about 27 languages, half into
English and half out of it, Latin and other scripts, one romanized), summarization (a text of
800-3000 characters to condense), qa (a short factual question with no context),
math_reasoning (a grade-school word problem), rag (a passage, sometimes among other retrieved
snippets, and a question answered from it), mt_bench (writing, roleplay, reasoning puzzles,
coding, extraction, STEM and humanities, some multi-turn); plus 30 ``ood`` prompts that ask for
nothing (logs, stack traces, hex dumps, base64, configuration, CSV, JSON, markup, minified
JavaScript, a diff, noise). The summarization and rag prompts draw on one pool of 50 passages
in varied genres (news, a manual, contract clauses, an email thread, meeting notes, a recipe,
an abstract, a forum thread, reviews, a travel diary, a biography, an FAQ, policies, transcripts,
a changelog, API docs, a leaflet, an agenda, reports, ...), each used by exactly two prompts:
one asks for a summary, the other asks a question about it.

Licence: written for specq and distributed under the project's licence (Apache-2.0). No
Spec-Bench prompt, passage or topic list was copied, nor anything from the other banks.
"""

from __future__ import annotations

from pathlib import Path

from bench.task_eval.hand_written import labelled_rows, write_rows

HOLDOUT_OUT = Path(__file__).with_name("holdout.jsonl")


# ------------------------------------------------------------------------------ passages
# Each passage is used by two prompts below: a summary request and a question about it.

FERRY_STRIKE = (
    "Crews on the Kessock Sound ferry line walked off the job at 6 a.m. on Thursday, stranding "
    "about 900 commuters who rely on the 25-minute crossing to reach the mainland. The strike, the "
    "first on the route since 2009, was called by the Maritime and Harbour Workers' Union after "
    "talks over a new rota system collapsed late on Wednesday night.\n\n"
    "Union organiser Davina McRae said the operator, Sound Link Ltd, wanted deckhands to work "
    'twelve-hour shifts four days in a row without an increase in rest periods. "Tired crews on a '
    "busy water crossing is not a cost saving, it's a risk,\" she told reporters outside the "
    "terminal. The union is also asking for a 6 percent pay rise to match inflation over the past "
    "two years.\n\n"
    "Sound Link said it had offered 4 percent and a review of the rota after six months, and "
    'described the walkout as "disproportionate". A spokesperson said the company would run a '
    "reduced timetable using two vessels crewed by managers and agency staff, with departures "
    "every 90 minutes instead of every 30.\n\n"
    "The local council opened the sports hall in Kessock village as a waiting area and arranged "
    "two extra buses via the longer road route, which adds about an hour to the journey. Several "
    "businesses on the island told staff to work from home. The head teacher of the mainland "
    "secondary school said pupils from the island would be marked as authorised absences.\n\n"
    "Both sides have agreed to meet with a mediator on Monday. The union says the strike will "
    "continue until then."
)

PRESSURE_COOKER_MANUAL = (
    "SAFETY AND FIRST USE - MultiChef 6L Electric Pressure Cooker\n\n"
    "Before first use, remove all packaging, wash the inner pot, lid and sealing ring in warm "
    "soapy water, and dry them thoroughly. Do a water test: add 500 ml of water to the inner pot, "
    "close the lid, turn the release valve to SEALED and run the STEAM program for 2 minutes. This "
    "checks that the seal is seated correctly and removes any manufacturing smell.\n\n"
    "Never fill the inner pot above the PMAX line. For foods that foam or expand, such as rice, "
    "beans, lentils and porridge, do not fill above the 1/2 line. Always use at least 250 ml of "
    "liquid; the cooker needs steam to build pressure and will show error E3 (burn warning) if the "
    "pot is too dry.\n\n"
    "Do not try to open the lid while the float valve is raised. The lid is locked while there is "
    "pressure inside. To release pressure you can either wait for natural release (10 to 25 "
    "minutes, depending on the amount of food) or turn the release valve to VENTING for quick "
    "release. Keep hands and face away from the valve during quick release, and do not use quick "
    "release for soups, stocks or foods that foam, because hot liquid may spray out.\n\n"
    "Check the sealing ring and the anti-block shield under the lid before each use. A cracked, "
    "stretched or missing ring will stop the cooker from reaching pressure. Replace the ring every "
    "12 to 18 months. The ring can absorb odours; we recommend keeping a separate ring for sweet "
    "dishes.\n\n"
    "Do not use the appliance on a stovetop or near a heat source, and do not place it under "
    "kitchen cabinets while cooking, as the released steam can damage them. Unplug the cooker when "
    "not in use and before cleaning. Children should not use this appliance without supervision."
)

NDA_CLAUSE = (
    "7. Confidentiality\n\n"
    "7.1 The Receiving Party shall hold all Confidential Information in strict confidence and "
    "shall not disclose it to any third party except to its employees, officers and professional "
    "advisers who need to know it for the Purpose and who are bound by written obligations of "
    "confidentiality no less protective than those in this Agreement.\n\n"
    "7.2 The Receiving Party shall use Confidential Information solely for the Purpose and for no "
    "other purpose, including without limitation the development of competing products or "
    "services.\n\n"
    "7.3 The obligations in clauses 7.1 and 7.2 shall not apply to information which: (a) is or "
    "becomes publicly available other than through a breach of this Agreement; (b) was lawfully in "
    "the possession of the Receiving Party before disclosure, as shown by its written records; (c) "
    "is independently developed by the Receiving Party without use of the Confidential "
    "Information; or (d) is required to be disclosed by law or by order of a competent court, "
    "provided that the Receiving Party gives the Disclosing Party prompt written notice (where "
    "legally permitted) so that the Disclosing Party may seek a protective order.\n\n"
    "7.4 On written request by the Disclosing Party, and in any event on termination of this "
    "Agreement, the Receiving Party shall within fourteen (14) days return or destroy all "
    "documents and materials containing Confidential Information, and shall certify such "
    "destruction in writing. The Receiving Party may retain one archival copy solely for the "
    "purpose of determining its continuing obligations, and copies held in automatic electronic "
    "backups need not be deleted until overwritten in the ordinary course.\n\n"
    "7.5 The obligations in this clause 7 shall survive termination of this Agreement for a period "
    "of five (5) years, save that obligations relating to trade secrets shall continue for as long "
    "as the information remains a trade secret under applicable law."
)

BOILER_EMAIL_THREAD = (
    "From: Priya Nair (Flat 4)\n"
    "To: Residents of 18 Alder Road\n"
    "Subject: Boiler - again\n\n"
    "Hi all, the heating and hot water went off again last night, third time since November. I "
    'called the managing agent (Brookvale Property) and they said an engineer can come "within 5 '
    "working days\". I have a 10-month-old, so that's not really okay. Does anyone know if we can "
    "push them on this?\n\n"
    "---\n"
    "From: Tomasz Wrobel (Flat 1)\n"
    "Re: Boiler - again\n\n"
    "Same here, no hot water. The engineer who came in December said the boiler is 22 years old "
    'and "living on borrowed time". He told me replacing it would cost roughly 9,000 pounds. '
    "Under our leases the cost would be split between the six flats, so about 1,500 each. I'd "
    "rather pay that once than keep doing this every month.\n\n"
    "---\n"
    "From: Gillian Ashford (Flat 6)\n"
    "Re: Boiler - again\n\n"
    "I'm not against replacing it, but 1,500 is a lot for me at short notice. Could we ask "
    "Brookvale whether it can come out of the reserve fund? We paid into it for years and I have "
    "never seen it used. Also, the lease says they have to consult us formally before any work "
    "over 250 pounds per flat, so they can't just send a bill.\n\n"
    "---\n"
    "From: Priya Nair (Flat 4)\n"
    "Re: Boiler - again\n\n"
    "Good point Gillian. I just checked last year's accounts: the reserve fund had 6,200 pounds in "
    "it in March. So if they use that, we'd be looking at around 470 each for the rest. I'll draft "
    "a letter to Brookvale asking for (1) an emergency repair this week, (2) three quotes for a "
    "new boiler and (3) confirmation that the reserve fund will be used. Can everyone reply by "
    "Friday if you're happy for me to sign it on behalf of all six flats?\n\n"
    "---\n"
    "From: Tomasz Wrobel (Flat 1)\n"
    "Re: Boiler - again\n\n"
    "Happy with that. Thanks for doing it."
)

SPRINT_RETRO = (
    "Sprint 41 retrospective - Payments team\n"
    "Attendees: Ana (facilitator), Kwame, Lisette, Rohan, Mira. Absent: Jonas (on leave).\n\n"
    "What went well\n"
    "- Refund API shipped on day 8 of 10, first time this quarter we finished a big item early.\n"
    "- Pairing between Rohan and Mira on the webhook retries cut review time; Mira says she now "
    "understands the queue code.\n"
    "- Only one production incident (Tuesday, 14 minutes, duplicate receipts), caught by the new "
    "alert.\n\n"
    "What didn't go well\n"
    "- Three tickets were pulled into the sprint mid-way by the sales team without going through "
    "Ana. This pushed the currency-rounding bug to next sprint.\n"
    "- The staging environment was down for almost two days because of an expired database "
    "certificate. Nobody owned renewing it.\n"
    "- Standups have been running 25-30 minutes. Several people said they zone out.\n\n"
    "Ideas\n"
    "- Lisette: any mid-sprint request goes to Ana, who decides with the product owner; sales "
    "can't assign tickets directly.\n"
    "- Kwame: add certificate expiry to the monitoring dashboard with a 30-day warning.\n"
    '- Rohan: standups strictly 15 minutes, detailed discussions move to a "parking lot" after.\n'
    "\nActions\n"
    "1. Ana to talk to the head of sales about the request process by next Wednesday.\n"
    "2. Kwame to set up certificate expiry alerts for staging and production.\n"
    "3. Team to try the 15-minute standup with a timer for one sprint and review at the next "
    "retro.\n"
    "4. Currency-rounding bug is top priority for sprint 42 (owner: Lisette).\n\n"
    "Team mood: 4 of 5 thumbs up (previous sprint: 3)."
)

FOCACCIA_RECIPE = (
    "Overnight Rosemary Focaccia (one 23 x 33 cm tray)\n\n"
    "This is the lazy person's focaccia: almost no kneading, and the fridge does most of the work. "
    "Start it the evening before you want to bake.\n\n"
    "Ingredients: 500 g strong white bread flour, 400 g lukewarm water, 10 g fine salt, 4 g "
    "instant yeast (about 1 teaspoon), 6 tablespoons olive oil (divided), 2 sprigs fresh rosemary, "
    "flaky sea salt for the top.\n\n"
    "1. In a large bowl mix the flour, salt and yeast. Pour in the water and stir with a spoon or "
    "your hand until there are no dry bits left. The dough will be very sticky - that's right.\n"
    "2. Cover the bowl and leave it for 30 minutes. Then, with a wet hand, grab one side of the "
    "dough, stretch it up and fold it over. Turn the bowl a quarter turn and repeat four times. Do "
    "this twice more, 30 minutes apart.\n"
    "3. Pour 2 tablespoons of oil over the dough, turn it to coat, cover tightly and put it in the "
    "fridge for 12 to 24 hours. It should roughly double.\n"
    "4. Oil the tray with 2 tablespoons of oil. Tip the cold dough in and leave it at room "
    "temperature for 2 to 3 hours, until it is puffy and jiggles when you shake the tray. Gently "
    "stretch it to the corners once it relaxes.\n"
    "5. Heat the oven to 230 C. Drizzle the remaining oil over the dough, oil your fingers and "
    "press deep dimples all over, right down to the tray. Scatter the rosemary leaves and flaky "
    "salt.\n"
    "6. Bake for 22 to 25 minutes until deep golden. Let it cool in the tray for 5 minutes, then "
    "move to a rack so the bottom stays crisp.\n\n"
    "Tips: if your kitchen is cold, the second rise can take longer; trust the jiggle, not the "
    "clock. Leftovers keep for two days wrapped in a tea towel and are best reheated in a hot oven "
    "for five minutes."
)

NAP_ABSTRACT = (
    "Abstract\n\n"
    "Background: Short daytime naps have been associated with improved memory consolidation in "
    "young adults, but evidence in adults over 65 is mixed, and long naps have been linked to "
    "poorer health outcomes in observational studies.\n\n"
    "Methods: In a randomised crossover design, 64 community-dwelling adults aged 66 to 81 (mean "
    "72.4; 38 women) without diagnosed cognitive impairment took part. On two visits one week "
    "apart, participants learned 40 word pairs and then either took a 30-minute nap in a darkened "
    "room (monitored by polysomnography) or watched a neutral documentary of the same length. "
    "Recall was tested 90 minutes after learning and again the following morning. The order of "
    "conditions was randomised.\n\n"
    "Results: Fifty-eight participants completed both visits. Participants recalled more word "
    "pairs after the nap than after the wake condition at 90 minutes (mean 24.1 vs 21.7; "
    "difference 2.4, 95% CI 1.1 to 3.7) and the next morning (22.8 vs 20.9; difference 1.9, 95% CI "
    "0.6 to 3.2). The benefit was larger in participants who reached stage N2 sleep during the nap "
    "(n = 41). Nap condition did not affect self-reported night-time sleep quality.\n\n"
    "Conclusions: A brief, scheduled nap improved short-term retention of verbal material in "
    "healthy older adults, without measurable disruption of night-time sleep. Larger trials over "
    "longer periods are needed before recommending napping as a memory intervention, particularly "
    "since long or unplanned naps may reflect underlying health problems."
)

BIKE_FORUM = (
    "Thread: Creak from bottom bracket area, only when standing?? (road bike, ~8000 km)\n\n"
    "[dan_rides] Started a couple of weeks ago. Click-creak every pedal stroke but ONLY when I "
    "stand up on climbs. Seated it's silent. Press-fit BB, aluminium frame. Already greased the "
    "pedal threads. Going mad.\n\n"
    "[spokewrench] Standing-only creaks are classic for something other than the BB, honestly. "
    "Check your seatpost (no, really - your weight shifts and the post flexes), saddle rails, and "
    "especially the quick release / thru-axle on the rear wheel. Clean and grease one at a time so "
    "you know which one it was.\n\n"
    "[dan_rides] Seatpost is carbon, I used carbon paste last time. Thru-axle I haven't touched in "
    "a year though.\n\n"
    "[Marguerite_K] +1 for the thru-axle. Mine did exactly this. Took it out, cleaned the threads, "
    "tiny bit of grease, torqued to spec - silence. Also check chainring bolts, they loosen over "
    "time and creak under high torque, which is exactly when you're standing.\n\n"
    "[old_gears] If it IS the press-fit BB, the usual fix is to pull the bearings, clean the "
    'shell, and reinstall with retaining compound. But do the cheap checks first. 90% of the "BB '
    "creaks\" I've heard in the shop were something else.\n\n"
    "[dan_rides] UPDATE: it was the chainring bolts. Two of the five were barely finger tight. "
    "Tightened them all to 8 Nm with a bit of grease and the creak is gone. Thanks everyone, you "
    "saved me buying a new BB for no reason.\n\n"
    "[spokewrench] Classic. Mark it solved so the next person finds it."
)

ROBOT_VACUUM_REVIEW = (
    "3 out of 5 stars - Great on hard floors, frustrating everywhere else\n"
    "Reviewed by Helen T., verified purchase (Nimbus R7 robot vacuum)\n\n"
    "I've had the R7 for six weeks in a two-bedroom flat with wooden floors, one rug and a "
    "long-haired cat.\n\n"
    "The good: suction on hard floors is excellent. It picks up cat hair, crumbs and the grit we "
    "track in from the balcony far better than our old stick vacuum, and the bin is big enough "
    "that I empty it every two days instead of every run. The app's map was accurate after the "
    "first run, and I like being able to mark no-go zones (the cat's water bowl has survived so "
    "far). It is quieter than I expected - you can hold a phone call in the next room.\n\n"
    "The not-so-good: it hates the rug. The tassels get wound around the brush roll at least once "
    "a week, and then it stops and beeps until I rescue it. I've now set the rug as a no-go zone, "
    "which kind of defeats the point. It also gets stuck under the sofa about one run in three, "
    "because the gap is exactly its height. The battery claims 150 minutes but in practice it goes "
    'back to charge after about 90 when set to "max", which is fine for my flat but wouldn\'t be '
    "for a house.\n\n"
    "Customer service: when the side brush broke in week four, I emailed support and got a "
    "replacement within five days, free, with no argument. Good experience.\n\n"
    "Summary for other buyers: if you have mainly hard floors and not much furniture with low "
    "clearance, it's worth the price. If you have rugs with tassels or a lot of low furniture, "
    "look at something else or be prepared to babysit it."
)

SVANETI_DIARY = (
    "Day 3 - Mestia to Zhabeshi\n\n"
    "Woke at 5:40 to rain drumming on the guesthouse roof and decided to go anyway. Nino, who runs "
    "the guesthouse, packed us khachapuri and boiled eggs and told us, very firmly, to turn back "
    "if the river at the second bridge was over the stones. It wasn't.\n\n"
    "The first two hours were steep forest on a muddy track, and I slipped twice. Then the trees "
    "opened up and suddenly there were the towers of Zhabeshi across the valley - those stone "
    "defensive towers every family built here in the Middle Ages, some of them five storeys high. "
    "The clouds kept sliding over the peaks behind them, so every ten minutes the view was "
    "different.\n\n"
    "We met a shepherd with about sixty sheep and two enormous dogs. The dogs were not friendly "
    "until he shouted at them, after which they completely ignored us. He asked where we were from "
    "and, when Marta said Poland, he told us his grandfather had fought near Warsaw. That was all "
    "the conversation our Russian could manage.\n\n"
    "Lunch was on a rock by the stream. The afternoon section along the ridge was easier but long, "
    "and my left knee started complaining on the descent. Arrived in Zhabeshi at about 4:30, "
    "soaked and filthy, 17 km and 1,100 m of climbing on the watch. The guesthouse here has one "
    "hot shower for eleven guests, so we queued.\n\n"
    "Dinner: beans in a clay pot, a cold beet salad, cheese, bread and far too much homemade "
    "chacha offered by the owner's uncle. Tomorrow is the longest day, to Adishi, and apparently "
    "there's a pass at 2,700 m. Going to bed at 9."
)

HEDY_LAMARR = (
    "Hedy Lamarr (1914-2000) was an Austrian-born actress who became one of the best-known film "
    "stars of Hollywood's golden age, and who is now remembered almost as much for an invention as "
    "for her films.\n\n"
    "Born Hedwig Kiesler in Vienna, the only child of a bank director and a concert pianist, she "
    "began acting as a teenager and became notorious in 1933 for the Czech film Ecstasy. That same "
    "year she married Friedrich Mandl, a wealthy arms manufacturer, whose business dinners exposed "
    "her to conversations about military technology. Unhappy in the marriage, she left Austria in "
    "1937, travelled to London and met the studio head Louis B. Mayer, who signed her to MGM and "
    "gave her the screen name Hedy Lamarr.\n\n"
    "Her Hollywood career included Algiers (1938), Boom Town (1940) and Samson and Delilah (1949), "
    "Paramount's biggest hit of that year. Away from the set, she was a keen amateur inventor. "
    "During the Second World War she worked with the composer George Antheil on a system to stop "
    'radio-controlled torpedoes from being jammed. Their idea, "frequency hopping", had the '
    "transmitter and receiver switch between 88 frequencies in the same pseudo-random order, "
    "synchronised by paper rolls similar to those of a player piano. They received a US patent in "
    "1942.\n\n"
    "The US Navy did not adopt the system during the war, and Lamarr was encouraged to help the "
    "war effort by selling war bonds instead, which she did with great success. Frequency-hopping "
    "techniques were later used in military communications from the 1960s, and the broader family "
    "of spread-spectrum methods underlies technologies such as Bluetooth. Recognition came late: "
    "Lamarr and Antheil received an award from the Electronic Frontier Foundation in 1997, and in "
    "2014 both were inducted into the National Inventors Hall of Fame. She died in Florida in 2000."
)

COWORKING_FAQ = (
    "The Loom Coworking - Frequently Asked Questions\n\n"
    "What are your opening hours?\n"
    "Members with a Resident or Flex plan have 24/7 access using their key card. The front desk is "
    "staffed Monday to Friday, 8:00-18:00. Day pass holders can use the space during staffed hours "
    "only.\n\n"
    "What is the difference between Resident, Flex and Day pass?\n"
    "Resident (290 EUR/month) gives you your own fixed desk with a lockable drawer. Flex (180 "
    "EUR/month) gives you any free desk in the open area; you can't leave things on it overnight. "
    "A Day pass (22 EUR) is for one day and includes coffee and Wi-Fi.\n\n"
    "Can I book meeting rooms?\n"
    "Yes. Residents get 8 hours of meeting room time per month, Flex members get 4 hours. Extra "
    "time costs 15 EUR per hour. Book through the member app; bookings can be cancelled free of "
    "charge up to 2 hours before.\n\n"
    "Can I bring guests?\n"
    "You can bring up to two guests at a time during staffed hours. Please sign them in at the "
    "front desk. Guests who come more than twice a month will be asked to buy a Day pass.\n\n"
    "Is there parking?\n"
    "We have 6 bicycle racks inside the courtyard and a shower on the ground floor. There is no "
    "car parking on site; the nearest public garage is on Kanalstraat, about 4 minutes' walk.\n\n"
    "Can I register my business at your address?\n"
    "Residents can use our address as a registered business address for an extra 25 EUR per month. "
    "This is not available on Flex or Day plans.\n\n"
    "How do I cancel?\n"
    "Plans run month to month. Give notice through the app before the 20th and your plan will end "
    "at the end of that month. Refunds are not given for partial months.\n\n"
    "Are pets allowed?\n"
    "Well-behaved dogs are welcome on Fridays only, and must stay on a lead in shared areas."
)

RETURN_POLICY = (
    "Returns & Refunds Policy - Northfield Outdoor Supply (online store)\n\n"
    "1. Standard returns. You may return most items within 30 days of delivery for a full refund "
    "to your original payment method. Items must be unused, in their original packaging, and with "
    "all tags attached. Footwear must be tried on indoors only; shoes with dirt or wear on the "
    "soles cannot be accepted.\n\n"
    '2. How to return. Start a return in "My Orders" and print the prepaid label. A return '
    "shipping fee of 5.95 will be deducted from your refund, unless the item is faulty or we sent "
    "the wrong item. You can also return items free of charge at any of our stores.\n\n"
    "3. Refund timing. We process returns within 5 business days of receiving them. Your bank may "
    "take a further 3 to 10 business days to show the refund.\n\n"
    "4. Items we cannot take back. For hygiene reasons we do not accept returns of opened "
    "underwear, socks, swimwear or water bladders. Gift cards, personalised items and items marked "
    '"Final Sale" are also not returnable.\n\n'
    "5. Faulty items. If an item develops a fault within 12 months, contact customer service with "
    "your order number and photos. We will offer a repair, replacement or refund. After 12 months, "
    "the manufacturer's warranty may apply; we will help you contact the manufacturer.\n\n"
    "6. Exchanges. We do not offer direct exchanges online. Return the original item for a refund "
    "and place a new order. In stores, exchanges for a different size or colour can be done on the "
    "spot.\n\n"
    "7. Holiday period. Orders delivered between 15 November and 24 December can be returned until "
    "15 January of the following year."
)

LANGUAGE_PODCAST = (
    '[Transcript excerpt - "Slow Learner" podcast, episode 57]\n\n'
    "MAYA: So you're saying I shouldn't be doing flashcards at all?\n\n"
    "DR. OKONJO: No, no. Flashcards are fine. The problem is when they're the only thing. What we "
    "see in the research is that vocabulary you meet in context - in a story, in a conversation - "
    "sticks much better than words you only meet on a card. The card is a reminder, not the first "
    "meeting.\n\n"
    'MAYA: Okay, that makes sense. What about the whole "you need ten thousand hours" thing?\n\n'
    "DR. OKONJO: (laughs) I'd forget the number. The more useful idea is comprehensible input: "
    "listening to or reading things you can mostly understand, maybe 90 percent, with a bit that "
    "stretches you. If it's 50 percent, you're just decoding, and that's exhausting. If it's 100 "
    "percent, you're not learning anything new.\n\n"
    "MAYA: So for me, a beginner in Portuguese, what would that look like?\n\n"
    "DR. OKONJO: Graded readers are great - they're books written for learners at a specific "
    "level. Podcasts for learners, where the host speaks slowly. Children's TV is surprisingly "
    "good too, because the pictures tell you what the words mean. And then, every day, a little "
    "speaking, even if it's just talking to yourself while cooking.\n\n"
    "MAYA: Talking to myself I can do.\n\n"
    "DR. OKONJO: Most people can! The other thing I'd say is consistency beats intensity. Twenty "
    "minutes every day is much better than three hours on a Sunday. Your brain consolidates during "
    "sleep, so more nights between sessions means more consolidation.\n\n"
    "MAYA: And mistakes? I'm terrified of speaking with real people.\n\n"
    "DR. OKONJO: Everybody is. But native speakers are generally much more forgiving than learners "
    "think. Making the mistake and being corrected is actually one of the strongest ways to learn "
    "the right form."
)

DB_CHANGELOG = (
    "## tidepool 3.2.0 - 2024-05-14\n\n"
    "### Added\n"
    "- `tidepool export --format parquet` writes tables to Parquet files. Requires the optional "
    "`pyarrow` extra (`pip install tidepool[parquet]`).\n"
    "- New `--since` flag for `tidepool sync`, accepting ISO dates or relative values such as "
    "`7d`.\n"
    "- Connection strings can now read the password from an environment variable with "
    "`password_env=NAME`.\n\n"
    "### Changed\n"
    "- The default batch size for `sync` is now 5,000 rows (was 1,000). In our benchmarks this "
    "roughly halves sync time on large tables. Set `batch_size` in your config to keep the old "
    "behaviour.\n"
    "- Log lines now include the table name and elapsed time.\n"
    "- Minimum supported Python version is now 3.9.\n\n"
    "### Fixed\n"
    "- `sync` no longer drops rows whose primary key contains a trailing space (#412).\n"
    "- Fixed a crash when a column name contained a dot (#398).\n"
    "- Timezone-aware timestamps are no longer converted to UTC twice when exporting to CSV "
    "(#405).\n\n"
    "### Deprecated\n"
    "- The `tidepool dump` command is deprecated and will be removed in 4.0. Use `tidepool export "
    "--format sql` instead.\n\n"
    "### Security\n"
    "- Passwords are no longer printed in debug logs when a connection fails. Users who ran 3.1.x "
    "with `--log-level debug` should consider rotating database passwords if log files were "
    "shared.\n\n"
    "## tidepool 3.1.2 - 2024-03-02\n\n"
    "### Fixed\n"
    "- Retry logic now respects `max_retries` (it previously retried forever on timeouts)."
)

BIKE_LANE_VOTE = (
    "Councillors in Harwick voted 7 to 4 on Tuesday night to build a protected cycle lane along "
    "Mill Street, ending eighteen months of public arguments that at times filled the town hall's "
    "overflow room.\n\n"
    "The 1.6 km lane will run from the railway station to the hospital roundabout and will be "
    "separated from traffic by a raised kerb. To make room, 64 of the street's 110 on-street "
    "parking spaces will be removed, and the remaining spaces will be limited to two hours during "
    "the day. The council estimates the cost at 2.3 million, of which 1.5 million will come from a "
    "regional active-travel grant that must be spent by the end of next year.\n\n"
    "Supporters, including the local cycling group and the hospital's staff association, argued "
    "that Mill Street is the most direct route between the station and the town's biggest "
    "employer, and that nurses on night shifts have been hit by cars twice in the last three "
    'years. Councillor Ruth Adebayo said the vote was "about whether we want our children to be '
    'able to ride to school".\n\n'
    "Opponents, led by the Mill Street Traders' Association, said the loss of parking would push "
    "customers to out-of-town supermarkets. Café owner Stelios Papadakis told the meeting that his "
    "takings fell by a fifth during a trial closure last summer. Councillor Brian Hollis, who "
    'voted against, called the plan "a solution looking for a problem".\n\n'
    "As part of a compromise, the council agreed to open a new 40-space car park behind the "
    "library, to offer free 30-minute parking for deliveries in the side streets, and to review "
    "traders' takings after one year. Construction is expected to start in March and last about "
    "seven months."
)

LEASE_PETS = (
    "Clause 14 - Animals\n\n"
    "14.1 The Tenant must not keep any animal, bird, reptile or fish at the Property unless the "
    "Landlord has first agreed in writing. Where the request is for one domestic cat, or one dog "
    "of a breed not subject to any legal restriction, the Landlord will not refuse or delay that "
    "agreement without good reason.\n\n"
    "14.2 Any consent given under clause 14.1 is personal to the Tenant and applies only to the "
    "animal named in the consent. It does not permit the Tenant to keep a replacement or "
    "additional animal without a further written request.\n\n"
    "14.3 Where consent is given, the Tenant shall: (a) keep the animal under proper control at "
    "all times and not allow it to cause a nuisance or annoyance to neighbours; (b) not leave the "
    "animal alone in the Property for more than ten consecutive hours; (c) keep the Property free "
    "from fleas and other parasites; and (d) on the Tenant leaving the Property, arrange for the "
    "professional cleaning of all carpets and soft furnishings, and for professional flea "
    "treatment if the animal was a cat or dog.\n\n"
    "14.4 The Landlord may withdraw consent on giving the Tenant twenty-eight days' written notice "
    "if the animal has caused damage to the Property beyond fair wear and tear or has been the "
    "subject of two or more written complaints from neighbours within any six-month period.\n\n"
    "14.5 Nothing in this clause prevents the Tenant from keeping a registered assistance dog, and "
    "no additional deposit or charge may be requested in respect of such an animal.\n\n"
    "14.6 The Tenant is responsible for the cost of repairing any damage to the Property caused by "
    "an animal kept there, whether or not consent was given."
)

LAB_SAFETY = (
    "Department of Chemistry - Teaching Laboratory Rules (Undergraduate)\n\n"
    "All students must read these rules and sign the declaration before their first practical "
    "session. Breaking these rules may result in being asked to leave the laboratory.\n\n"
    "Clothing and protective equipment\n"
    "- Safety glasses must be worn at all times in the laboratory, including when you are writing "
    "up results. Prescription glasses are not a substitute; over-glasses are available.\n"
    "- Lab coats must be worn fully buttoned. Long hair must be tied back.\n"
    "- Closed shoes covering the whole foot are required. Sandals, open-toed shoes and ballet "
    "flats are not allowed.\n"
    "- Gloves are provided for specific experiments. Remove gloves before touching door handles, "
    "keyboards or your phone.\n\n"
    "Behaviour\n"
    "- No eating, drinking or chewing gum. Food and drink must stay in the bags area outside.\n"
    "- Never work alone. A demonstrator must be present for every practical session.\n"
    "- Do not take chemicals or equipment out of the laboratory.\n"
    "- Do not pipette by mouth.\n\n"
    "Chemicals and waste\n"
    "- Read the hazard information for every chemical before you use it.\n"
    "- Organic solvents must be used in the fume cupboard.\n"
    "- Dispose of waste in the labelled containers. Never pour organic solvents or heavy-metal "
    "solutions down the sink.\n"
    "- Broken glass goes in the yellow glass bin, not in the general waste.\n\n"
    "Accidents and emergencies\n"
    "- Report every accident, spill or breakage to a demonstrator immediately, however small.\n"
    "- If chemicals get into your eyes, use the eyewash station for at least 15 minutes and call "
    "for help.\n"
    "- Know where the nearest fire extinguisher, fire blanket, safety shower and emergency exit "
    "are.\n"
    "- On hearing the fire alarm, turn off gas taps if safe to do so, leave everything and go to "
    "the assembly point on the north lawn."
)

LAHARS = (
    "What is a lahar?\n\n"
    "A lahar is a fast-moving flow of water, volcanic rock and debris that rushes down the slopes "
    "of a volcano and along river valleys. The word comes from Javanese, and Indonesia - with its "
    "many active volcanoes and heavy rainfall - has seen some of the most destructive examples. A "
    "moving lahar looks like a river of wet concrete, and it can carry boulders the size of cars.\n"
    "\nLahars form in several ways. During an eruption, hot material can rapidly melt snow and ice "
    "on a volcano's summit, releasing huge volumes of water that pick up loose ash and rock. A "
    "crater lake can burst through its rim. But lahars do not need an eruption at all: heavy rain "
    "falling on loose ash deposits, sometimes years after an eruption, can be enough to start "
    "one.\n\n"
    "Because they are dense, lahars can travel at more than 60 kilometres per hour in steep "
    "valleys and can reach places tens of kilometres from the volcano. As they travel they can "
    "grow, picking up sediment, trees and buildings. When they reach flatter ground they slow down "
    "and spread out, burying everything under thick deposits that set hard when they dry.\n\n"
    "The deadliest lahar of modern times happened in 1985 at Nevado del Ruiz in Colombia. A "
    "relatively small eruption melted part of the summit ice cap, and lahars flowing down river "
    "valleys buried the town of Armero, about 70 kilometres away, killing more than 20,000 of its "
    "29,000 inhabitants. Hazard maps showing the danger had been prepared weeks earlier, but the "
    "town was not evacuated.\n\n"
    "Today, many volcanoes at risk have lahar detection systems: sensors in valleys pick up the "
    "ground vibrations of an approaching flow and sound sirens downstream, giving people minutes "
    "to climb to higher ground. The key advice to people living in a lahar zone is simple: when "
    "the warning sounds, move uphill, away from the valley floor, not along it."
)

TEA_CLIPPERS = (
    "In the middle of the nineteenth century, the fastest sailing ships in the world were built to "
    "carry tea. The first tea of the season from China fetched the highest prices in London, and "
    "merchants paid a premium to whichever ship brought it home first. This created the famous tea "
    "races, in which sleek, narrow clippers raced some 14,000 nautical miles from Fuzhou or "
    "Shanghai around the Cape of Good Hope to the Thames.\n\n"
    "The most celebrated was the Great Tea Race of 1866. Sixteen ships left the Min River near "
    "Fuzhou at the end of May, and after more than three months at sea, three of them - Ariel, "
    "Taeping and Serica - came up the English Channel within hours of each other. Ariel and "
    "Taeping docked in London on the same tide, 99 days after leaving China, and the owners agreed "
    "to split the premium. Newspapers followed the race as closely as a modern sporting event.\n\n"
    "The clippers' glory did not last. The opening of the Suez Canal in 1869 gave steamships a "
    "much shorter route between China and Europe, and sailing ships could not use the canal easily "
    "because of the unreliable winds in the Red Sea. Steamers also kept to timetables, which the "
    "tea trade increasingly valued over raw speed. Within a decade most clippers had been moved to "
    "other trades, such as carrying wool from Australia.\n\n"
    "One clipper from this era survives: the Cutty Sark, launched in 1869, the same year the canal "
    "opened. She never won a tea race, but she became famous in the wool trade, and today she sits "
    "in a dry dock in Greenwich, raised on steel supports so that visitors can walk beneath her "
    "hull."
)

PARENTAL_LEAVE = (
    "Parental Leave Policy (effective 1 January)\n\n"
    "Who this applies to\n"
    "This policy applies to all employees with at least 26 weeks of continuous service on the "
    "expected date of birth or adoption placement. Employees with shorter service are entitled to "
    "statutory leave only.\n\n"
    "Birth parents\n"
    "Birth parents are entitled to up to 52 weeks of leave. The company pays 100% of normal salary "
    "for the first 20 weeks, then statutory pay for the next 19 weeks. The remaining weeks are "
    "unpaid. Leave can start up to 11 weeks before the expected week of birth.\n\n"
    "Partners and second parents\n"
    "The partner of a birth parent, or the second parent in an adoption, is entitled to 6 weeks of "
    "leave at full pay, to be taken in one block or as two blocks of three weeks within 12 months "
    "of the birth or placement. This is in addition to any shared parental leave.\n\n"
    "Adoption\n"
    "The primary adopter has the same entitlement as a birth parent, starting from the date of "
    "placement or up to 14 days before.\n\n"
    "Keeping-in-touch days\n"
    'During leave, employees may work up to 10 "keeping-in-touch" days without ending their '
    "leave. These days are voluntary and paid at the normal daily rate.\n\n"
    "Returning to work\n"
    "Employees returning after 26 weeks or less have the right to return to the same job. After "
    "longer leave, they have the right to return to the same job or, if that is not reasonably "
    "practicable, a similar job on no less favourable terms. Employees may request flexible "
    "working on their return; requests will be answered within four weeks.\n\n"
    "How to apply\n"
    "Tell your manager and HR in writing at least 15 weeks before the expected week of birth, or "
    "within 7 days of being matched for adoption, stating the date you want your leave to start."
)

ANNIVERSARY_CHAT = (
    '[Family group chat - "Mum & Dad 40th"]\n\n'
    "Leila: ok so the restaurant (Casa Verde) can do the back room on Saturday 14th, max 30 "
    "people, 45 per head for 3 courses\n"
    "Sami: 45 x 30 is 1350, we said max 1000 total didn't we\n"
    "Leila: yeah but that's if all 30 come. Mum's list is 24 right now\n"
    "Yusuf: I can put in more if needed. I'd rather not do it at someone's house, Dad will end up "
    "cooking\n"
    "Sami: lol true\n"
    "Leila: 24 x 45 = 1080. Split three ways that's 360 each\n"
    "Sami: fine by me. what about the cake\n"
    "Yusuf: Aunty Noor offered to make it, she made the one for their 30th\n"
    "Leila: that's lovely, yes please. Can you ask her to do it without nuts, Uncle Karim is "
    "allergic\n"
    "Yusuf: will do\n"
    "Sami: speech? I'm not doing it I'll cry\n"
    "Leila: Yusuf does it, he's the oldest\n"
    "Yusuf: fine but I'm keeping it under 5 minutes\n"
    "Leila: Also how do we get them there without them guessing? Mum checks the calendar on Dad's "
    "phone\n"
    "Sami: tell them it's my birthday dinner, it's only 2 weeks off\n"
    "Leila: perfect\n"
    "Yusuf: and the photo slideshow, who's got the old albums?\n"
    "Leila: Mum's got them in the loft. I'll scan them when I'm over on Sunday while Sami "
    "distracts them\n"
    "Sami: why am I always the distraction\n"
    "Leila: because you're good at it. Deposit is 200, due by Friday, I'll pay it and you two send "
    "me your share"
)

CERT_POSTMORTEM = (
    "Incident postmortem: checkout API outage, 3 March\n\n"
    "Summary\n"
    "From 09:12 to 10:04 UTC (52 minutes), about 70% of requests to the checkout API failed with "
    "TLS handshake errors. Customers could browse the shop but most could not pay. Estimated lost "
    "orders: 1,900.\n\n"
    "Root cause\n"
    "The TLS certificate for the internal payments gateway expired at 09:12. The certificate had "
    "been renewed automatically every 60 days by a scheduled job, but that job had been disabled "
    "in January during a migration of the job scheduler and was never re-enabled. The monitoring "
    "that would have warned us 14 days before expiry only covered public-facing certificates, not "
    "internal ones.\n\n"
    "Why only 70%?\n"
    "Three of the ten API pods had cached TLS sessions established before expiry and kept working "
    "until they restarted. This confused the first responders, who initially suspected a bad "
    "deployment and rolled back the 08:50 release, losing 15 minutes.\n\n"
    "Timeline\n"
    "09:12 error rate rises; 09:15 on-call paged; 09:21 rollback started; 09:36 rollback complete, "
    "errors continue; 09:44 engineer spots certificate error in gateway logs; 09:58 new "
    "certificate issued and deployed; 10:04 error rate back to normal.\n\n"
    "What went well\n"
    "Paging worked; the status page was updated within 10 minutes; the fix, once found, took 14 "
    "minutes.\n\n"
    "Action items\n"
    "1. Re-enable and add an alert on the renewal job itself (owner: Platform, due 10 March).\n"
    "2. Extend certificate expiry monitoring to all internal endpoints (owner: SRE, due 17 "
    "March).\n"
    '3. Add "check certificates" to the incident runbook\'s first five minutes (owner: SRE, due '
    "10 March).\n"
    "4. Review every job disabled during the scheduler migration (owner: Platform, due 24 March).\n"
    "\nThis is a blameless review. The disabled job was an understandable migration step; the gap "
    "was that nothing tracked it afterwards."
)

MUSEUM_AUDIO = (
    'Stop 12 - "The Weighing of the Herring", oil on canvas, about 1652\n\n'
    "You are standing in front of the largest painting in this room and one of the few that shows "
    "work rather than wealth. Look first at the centre: a fish merchant in a dark coat holds up a "
    "set of scales, and a young woman in a red apron watches the needle. The painter wants you to "
    "feel that this moment matters. In the 1650s, the herring trade was the backbone of the town, "
    "and inspectors checked that every barrel held the weight and quality promised.\n\n"
    "Now look to the left. The light falls through a high window onto a pile of barrels, each "
    "marked with a brand burned into the wood. Conservators discovered during cleaning in 1998 "
    "that these marks are accurate: they match the inspection marks of the town guild recorded in "
    "the archives. The painter clearly knew the trade well. Some historians think he was the son "
    "of a cooper, a barrel maker.\n\n"
    "On the right, half in shadow, an old man counts coins into a boy's hand. Is he paying the boy "
    "for his work, or is the boy paying him? Nobody knows, and visitors have argued about it for a "
    "long time. Notice that the boy is barefoot while everyone else wears shoes.\n\n"
    "Finally, look at the dog in the foreground, stealing a fish from an open basket while no one "
    "is watching. Dogs often appear in paintings of this period as a small joke, or as a warning "
    "about temptation.\n\n"
    "The painting hung in the guild hall for almost two hundred years before the museum acquired "
    "it in 1861. When you are ready, continue to stop 13, through the doorway on your right."
)

ORCHARD_GRANT = (
    "Grant application summary - Eastfield Community Orchard\n\n"
    "Applicant: Friends of Eastfield Park (registered charity)\n"
    "Amount requested: 18,400\n"
    "Project period: October to September (12 months)\n\n"
    "The project\n"
    "We will plant a community orchard of 45 fruit trees (apples, pears, plums and a few quince "
    "and medlar) on an unused 0.4-hectare corner of Eastfield Park, with the agreement of the "
    "council, which owns the land. We chose heritage varieties from our own county where possible, "
    "so the orchard also protects local varieties that are disappearing from shops.\n\n"
    "Why it is needed\n"
    "Eastfield ward is in the most deprived 10% of neighbourhoods nationally. There is no "
    "supermarket within walking distance and 38% of households have no car. Our 2023 survey of 210 "
    'residents found strong support for "more things to do in the park" (81%) and for "growing '
    'food locally" (67%).\n\n'
    "What we will do\n"
    "- Prepare the ground and plant the trees with volunteers over four weekends in winter.\n"
    "- Run 10 free workshops on pruning, grafting and fruit care, aimed at families and at the "
    "local primary school.\n"
    "- Install two benches, a notice board and rabbit guards.\n"
    "- Hold an apple day festival in the second autumn, when the first small harvest is expected.\n"
    "\nBudget (main items)\n"
    "Trees and stakes 3,900; guards and fencing 2,600; benches and notice board 2,200; workshop "
    "tutor fees 4,500; tools and storage 1,800; insurance 900; publicity and event costs 1,100; "
    "contingency 1,400.\n\n"
    "Long-term care\n"
    "A volunteer group of 14 people has already signed up. The council has agreed to mow around "
    "the trees twice a year. After the grant period, running costs (about 600 per year) will be "
    "covered by membership fees and fruit sales at the apple day."
)

FILM_REVIEW = (
    "Salt Roads review - a slow, beautiful drift that doesn't quite arrive\n\n"
    "About forty minutes into Salt Roads, the camera follows an elderly lorry driver as he eats a "
    "whole orange in silence in his cab, while rain streams down the windscreen. The shot lasts "
    "almost four minutes. Depending on your patience, this is either the most moving scene of the "
    "year or the moment you check your watch. I did both.\n\n"
    "Director Inés Calvo's second feature follows Anselmo (a superb, nearly wordless Raúl Pineda), "
    "who has driven salt from the coastal flats to inland towns for thirty years, on his last trip "
    "before retirement. His granddaughter Vero (newcomer Alba Ruiz), suspended from school, is "
    "sent along for the ride. That's the whole plot, and Calvo is not interested in adding more.\n"
    "\nWhat she is interested in is landscape, and here the film is extraordinary. Cinematographer "
    "Teo Marín shoots the white salt pans, the red dusty plateaus and the small grey towns in "
    "long, wide compositions that make the lorry look like a toy. The sound design - engine hum, "
    "radio static, wind - does much of the emotional work the script won't.\n\n"
    "The relationship between the two leads develops in tiny steps: a shared cassette tape, a "
    "fight over a gas-station sandwich, a night when the lorry breaks down. Ruiz is good at "
    "sulking, less convincing when the script finally asks her to open up in the last act, and the "
    "big reconciliation scene feels rushed after so much patience.\n\n"
    "At 2 hours 14 minutes, Salt Roads is at least twenty minutes too long, and viewers who need a "
    "story to move forward will find it hard going. But Pineda's face, and those landscapes, "
    "stayed with me for days.\n\n"
    "3.5/5. In cinemas from Friday."
)

CARD_BLOCKED_CALL = (
    "Call transcript (customer consented to recording)\n\n"
    "AGENT: Thanks for calling Harbour Bank, you're speaking with Dev. How can I help?\n"
    "CUSTOMER: Hi, my card got declined at the supermarket twice this morning and I've definitely "
    "got money in the account.\n"
    "AGENT: Sorry about that. Let me take you through security first. Can you confirm your full "
    "name and date of birth?\n"
    "CUSTOMER: Marisol Ortega, fourth of August, 1988.\n"
    "AGENT: Thank you. And the last three transactions on your account?\n"
    "CUSTOMER: Um, the gym, Netflix, and... I bought shoes online on Sunday, from a site in "
    "Portugal, I think.\n"
    "AGENT: That's it, thanks. Okay, I can see what happened. The shoe purchase was from a "
    "merchant we hadn't seen you use before, in a different country, for 189 euros, and our fraud "
    "system put a temporary block on the card. We sent you a text on Sunday evening asking you to "
    "confirm it.\n"
    "CUSTOMER: Oh. I think I ignored that, I thought it was a scam text.\n"
    "AGENT: Very sensible in general! Just so you know, our real texts never include a link, and "
    "we never ask for your PIN. Can you confirm you made the shoe purchase?\n"
    "CUSTOMER: Yes, that was me.\n"
    "AGENT: Great. I've removed the block. The card should work straight away. Could you try a "
    "small payment in the next hour just to check?\n"
    "CUSTOMER: Will do. Is there a way to stop this happening when I shop abroad?\n"
    "AGENT: You can add a travel notice in the app under Card settings, and you can also turn on "
    "app notifications, so the fraud check appears as a notification you can approve with one tap "
    "instead of a text.\n"
    "CUSTOMER: Perfect. Thanks, Dev.\n"
    "AGENT: You're welcome. Is there anything else? ... Then have a good day."
)

SCHOOL_TRIP_LETTER = (
    "Dear Parents and Carers,\n\n"
    "Year 6 residential trip - Hollin Edge Outdoor Centre\n\n"
    "I am pleased to confirm that this year's Year 6 residential will take place from Wednesday 11 "
    "to Friday 13 June. Children will stay for two nights at Hollin Edge, a centre in the hills "
    "about 90 minutes from school by coach, and will take part in activities including canoeing, "
    "orienteering, climbing, a night walk and campfire cooking.\n\n"
    "The total cost is 210 per child, which covers transport, accommodation, all meals and "
    "activities, and instructors. A non-refundable deposit of 50 is due by Friday 21 March, with "
    "the rest payable in instalments by Friday 16 May. If cost is a concern for your family, "
    "please speak to Mrs Holt in the office in confidence; the school has a fund to help, and no "
    "child will miss out for financial reasons.\n\n"
    "Children will sleep in rooms of four to six with others of the same sex, and will be able to "
    "name three friends they would like to share with. We will do our best to put each child with "
    "at least one of them. Five members of staff will go on the trip, including Mr Farah and Miss "
    "Lindqvist, the two Year 6 teachers.\n\n"
    "Mobile phones, tablets and games consoles are not allowed. Staff will post photos and updates "
    "on the school website each evening. In an emergency, parents can contact the school office, "
    "which will be in touch with staff at all times.\n\n"
    "A kit list and medical form will be sent home after half-term. There will be an information "
    "evening for parents on Tuesday 6 May at 6pm in the school hall, where you can meet the staff "
    "and ask questions.\n\n"
    "Please complete and return the reply slip by Friday 21 March.\n\n"
    "Yours sincerely,\n"
    "Mr D. Okafor\n"
    "Headteacher"
)

OCTOPUS = (
    "Octopuses have long puzzled biologists because they are clever in ways that seem to belong to "
    "a completely different branch of life - which, in fact, they do. Our last common ancestor "
    "with them lived over 500 million years ago and was probably a small worm-like creature with a "
    "very simple nervous system. Everything smart about an octopus evolved separately from "
    "everything smart about us.\n\n"
    "A common octopus has around 500 million neurons, similar to a dog. But about two-thirds of "
    "them are not in the brain at all: they are in the arms. Each arm can taste and touch what it "
    "explores, and can carry out fairly complex movements, like passing food along to the mouth, "
    "with little instruction from the central brain. Some researchers describe the animal as "
    "having one brain in charge of the big decisions and eight semi-independent assistants.\n\n"
    "In the laboratory, octopuses have learned to open screw-top jars from the inside, to tell "
    "individual human keepers apart, and to navigate simple mazes. Several aquariums report "
    "octopuses escaping their tanks at night to raid neighbouring ones, then returning before "
    "morning. In the wild, veined octopuses in Indonesia have been filmed carrying coconut shell "
    "halves across the sea floor and assembling them into a shelter when threatened - one of the "
    "clearest examples of tool use in an invertebrate.\n\n"
    "Yet octopuses live fast and die young. Most species live only one or two years. Females stop "
    "eating while guarding their eggs and die soon after they hatch. This short life puzzles "
    "scientists: intelligence is usually thought to pay off over a long life with plenty of time "
    "to learn, and many clever animals, such as crows, apes and dolphins, live in social groups "
    "where they learn from each other. Octopuses are mostly solitary and never meet their parents. "
    "Whatever drove their intelligence, it seems to have worked within a single short lifetime."
)

MARKET_REPORT = (
    "Shares in Veltrano Foods fell 11.4% on Wednesday, their worst day in more than three years, "
    "after the frozen-food maker cut its full-year profit forecast and said its chief financial "
    "officer would step down.\n\n"
    "The company now expects operating profit of 310 to 330 million for the year, down from a "
    "previous range of 370 to 390 million. It blamed higher energy costs at its freezing plants, a "
    "price war in its ready-meals business in Germany and weaker-than-expected sales of a new "
    "plant-based range launched in the spring. Sales in the first half rose 2% to 2.1 billion, but "
    "only because of price increases; volumes fell 4%.\n\n"
    "Chief executive Annika Strøm said in a call with analysts that the company would close one of "
    "its two Danish plants and move production to Poland, a change expected to save 25 million a "
    'year from 2026 but to cost 40 million in one-off charges. About 320 jobs are affected. "We '
    'are not happy with these numbers, and we are acting quickly," she said.\n\n'
    "Chief financial officer Marc Lefèvre, who has held the role for six years, will leave at the "
    'end of the year "to pursue other opportunities". The company said the search for a '
    "successor had begun.\n\n"
    'Analysts were divided. Jan Kowalczyk of Baltic Securities said the forecast cut was "bigger '
    'than feared" and questioned whether the plant-based range could recover. Others noted that '
    "the company kept its dividend unchanged and that its debt remained low. The wider European "
    "food sector index was flat on the day."
)

HYPOTHERMIA = (
    "Cold on the hill: recognising hypothermia\n\n"
    "Hypothermia happens when the body loses heat faster than it can produce it and the core "
    "temperature falls below 35 C. On the hills it rarely comes from extreme cold alone. The "
    "classic mix is wind, wet clothing and tiredness, often at temperatures well above freezing. A "
    "walker in a damp cotton T-shirt on a windy ridge at 8 C can be in real danger.\n\n"
    "Early signs (mild hypothermia)\n"
    "- Shivering that you can't stop\n"
    "- Cold, pale skin, numb fingers, fumbling with zips and laces\n"
    "- Being quieter than usual, or irritable\n"
    "- Falling behind the group\n\n"
    "Worsening signs (moderate)\n"
    "- Slurred speech, confusion, poor decisions (e.g. refusing to put on a jacket)\n"
    "- Stumbling\n"
    "- Shivering may become violent - and then stop. Stopped shivering in someone who is still "
    "cold is a very bad sign, not an improvement.\n\n"
    "What to do\n"
    "1. Stop and get out of the wind. Use a group shelter, a rock, or put up a tent.\n"
    "2. Replace wet layers with dry ones, and add a hat and gloves. Insulate the person from the "
    "ground with a sit mat or rucksack.\n"
    "3. Put them in a survival bag or sleeping bag. Sharing body heat in a shelter helps.\n"
    "4. If they can swallow safely, give warm sweet drinks and high-energy food. No alcohol.\n"
    "5. Handle gently, especially if they are very cold. Don't rub their limbs.\n"
    "6. If symptoms are moderate or worse, or the person doesn't improve, call for mountain rescue "
    "(call the emergency number and ask for the police, then mountain rescue).\n\n"
    "Prevention is easier: check the forecast for wind as well as temperature, wear layers that "
    "stay warm when wet, eat and drink regularly, and turn back early when someone in the group is "
    "struggling."
)

FLAT_LISTING = (
    "TO LET - Bright two-bedroom flat, Weaver's Yard (third floor) - 1,150 per month\n\n"
    "Available from 1 September. Minimum 12-month tenancy.\n\n"
    "A light, well-kept flat in a converted textile mill, five minutes' walk from the tram stop "
    "and about 20 minutes to the city centre. Large arched windows in the living room face south "
    "over the canal.\n\n"
    "The flat:\n"
    "- Living room with open kitchen (about 28 sq m); the kitchen has a gas hob, an electric oven, "
    "a dishwasher and a washer-dryer\n"
    "- Main bedroom with fitted wardrobes, double bed included\n"
    "- Second bedroom, smaller (2.4 x 2.7 m), suitable as a single bedroom or office; unfurnished\n"
    "- Bathroom with a shower over the bath\n"
    "- Exposed brick walls and original wooden beams\n"
    "- Lift to all floors\n"
    "- Secure bicycle storage in the basement; one allocated parking space in the courtyard "
    "available for an extra 60 per month\n\n"
    "Costs: rent 1,150 per month; deposit 1,326 (equal to five weeks); council tax band C; energy "
    "rating C. Water, electricity, gas and internet are not included. Average energy bills from "
    "the current tenant: about 95 per month.\n\n"
    "Rules: no smoking. Pets considered (one cat maximum) with an additional 25 per month. Maximum "
    "two occupants. Landlord lives abroad; the flat is managed by Canalside Lettings.\n\n"
    "Viewings on Saturdays only, from 10:00 to 13:00, by appointment. Contact Canalside Lettings "
    "on the website or by phone. Please include the number of people who will be living in the "
    "flat and your planned move-in date."
)

OBITUARY = (
    "Edwin Harrow, who has died aged 91, spent forty years drawing maps of the hills he loved, and "
    "in doing so taught generations of walkers how to read a landscape.\n\n"
    "Born in a mill town in 1932, the son of a weaver, Edwin left school at fifteen to work as a "
    "draughtsman at a surveying firm. He spent his weekends walking and, unhappy with the maps "
    "available, began drawing his own in pen and ink. In 1961 a small local publisher agreed to "
    "print his first guide, covering twelve walks around the reservoirs above the town. It sold "
    "out in six weeks.\n\n"
    "Over the next four decades he produced 23 guides, all drawn by hand, each with a distinctive "
    "style: paths in a bold dashed line, stone walls shown wall by wall, and margins filled with "
    "small drawings of stiles, gateposts and the occasional sheep. He refused to include walks he "
    "had not done himself at least three times, in different seasons. His guides are estimated to "
    "have sold more than a million copies.\n\n"
    "Edwin was suspicious of fame. He gave almost no interviews and turned down an honour in 1998, "
    "saying the hills deserved it more. He did, however, answer every letter sent to him by "
    "readers, usually on a postcard with a small drawing, and many of those postcards are now "
    "treasured in walkers' homes around the country.\n\n"
    "After his eyesight began to fail in his late seventies, he gave his original drawings to the "
    "county archive on condition that anyone could look at them free of charge. He continued to "
    "walk, more slowly, until he was 88.\n\n"
    "His wife, Margaret, died in 2015. He is survived by their two daughters, five grandchildren "
    "and a great-grandson."
)

HEAT_PUMP_BRIEF = (
    "Policy brief: accelerating heat pump adoption in owner-occupied homes\n\n"
    "Key points\n"
    "- Heating homes accounts for around 17% of national greenhouse gas emissions. Most homes are "
    "heated by gas boilers.\n"
    "- Heat pumps are three to four times more efficient than gas boilers, but only about 1% of "
    "homes have one.\n"
    "- The main barriers are upfront cost, lack of trusted installers, and the running-cost gap "
    "created by electricity being taxed more heavily than gas.\n\n"
    "Current situation\n"
    "The existing grant covers 5,000 of a typical installation cost of 11,000 to 14,000. Take-up "
    "has been slow: about 28,000 grants were paid last year against a target of 90,000. Surveys "
    "show many homeowners believe heat pumps do not work in older houses, although field trials "
    "found that most house types can be heated with a heat pump, sometimes with larger radiators.\n"
    "\nOptions\n"
    "1. Increase the grant to 7,500 for two years. Estimated cost: 650 million per year at target "
    "take-up. Quick to implement but risks raising installer prices.\n"
    "2. Rebalance energy levies by moving social and environmental charges from electricity bills "
    "to gas bills or general taxation. Would cut heat pump running costs by about 20%. No direct "
    "cost to government if moved to gas, but would raise bills for gas-heated homes, which needs "
    "targeted support for low-income households.\n"
    "3. Fund installer training through further-education colleges, aiming to double the number of "
    "certified installers within three years. Estimated cost: 40 million.\n"
    "4. Zero-interest loans for the remaining cost, repaid through the property rather than the "
    "owner.\n\n"
    "Recommendation\n"
    "Combine options 2 and 3 immediately, with option 1 as a time-limited measure. Evidence from "
    "other countries suggests that running costs, rather than upfront grants, are the biggest "
    "factor in long-term adoption."
)

WASHER_WARRANTY = (
    "AQUALINE LIMITED WARRANTY - Washing machines (models WL7000 series)\n\n"
    "What is covered. Aqualine warrants this washing machine against defects in materials and "
    "workmanship for 2 years after you buy it. The motor is covered for 10 years (parts only; "
    "labour is charged after the first 2 years). During the warranty period we will repair the "
    "product or, if repair is not possible, replace it with the same or an equivalent model.\n\n"
    "How to claim. Contact Aqualine Customer Care with the model number, serial number (found on "
    "the label inside the door) and proof of purchase. Do not return the product to the shop. An "
    "engineer visit will be arranged, normally within 5 working days.\n\n"
    "What is not covered.\n"
    "- Damage caused by incorrect installation, including failure to remove the transport bolts "
    "before first use.\n"
    "- Damage caused by foreign objects such as coins, underwire from bras or hair clips in the "
    "drum or pump.\n"
    "- Blocked filters and hoses, which are part of normal maintenance (see the cleaning section "
    "of your user manual).\n"
    "- Consumable items such as door seals, detergent drawers and hoses, after the first 6 "
    "months.\n"
    "- Use in a commercial setting (e.g. launderettes, hotels, hair salons). Commercial use "
    "reduces the warranty to 6 months.\n"
    "- Cosmetic damage reported more than 7 days after delivery.\n\n"
    "Call-out charges. If the engineer finds no fault, or finds that the fault is not covered, a "
    "call-out charge of 85 will apply.\n\n"
    "Your rights. This warranty is given on top of the rights you have under consumer law and "
    "takes none of them away.\n\n"
    "Extended cover. Within 60 days of purchase you can extend cover to 5 years in total by "
    "registering your product and paying 79."
)

STARTUP_MEMO = (
    "Memo to investors - Kettlebrook (seed round)\n\n"
    "What we do\n"
    "Kettlebrook makes software that lets small independent restaurants predict how much of each "
    "ingredient they will need each day. Owners connect their till system; we combine past sales "
    "with weather, local events and bookings to forecast dishes sold, then turn those forecasts "
    "into an order list for suppliers.\n\n"
    "The problem\n"
    "A typical independent restaurant throws away 8-12% of the food it buys. Chains have "
    "forecasting teams; independents use gut feeling and a notebook. Food is usually the largest "
    "cost after staff, and margins are thin: a 5% reduction in waste can add 1 to 2 points to "
    "profit.\n\n"
    "Traction\n"
    "We launched a paid pilot in April. We now have 46 paying restaurants in two cities, paying 89 "
    "per month. Monthly recurring revenue is 4,094 and growing 18% month on month. Average waste "
    "reduction in the first three months, measured by our customers' own weekly waste logs, is "
    "31%. Churn so far: 2 restaurants (one closed, one switched back to paper).\n\n"
    "Team\n"
    "Founders: Leah Brandt (CEO; previously ran two cafés for seven years) and Kofi Mensah (CTO; "
    "previously a data scientist at a grocery delivery company). We have one part-time engineer.\n"
    "\nThe raise\n"
    "We are raising 750,000 to hire three engineers and one salesperson, integrate with the four "
    "most popular till systems (we currently support two), and reach 400 restaurants within 18 "
    "months.\n\n"
    "Risks\n"
    "Till integrations are slow to build and each provider has its own API. Restaurants are hard "
    "to sell to and many close in their first years. A large till provider could build a basic "
    "version of our product."
)

VOWEL_SHIFT = (
    "Why is English spelling so strange? One big reason is the Great Vowel Shift, a series of "
    "changes in the pronunciation of English long vowels that took place roughly between 1400 and "
    "1700.\n\n"
    "Before the shift, English long vowels sounded much like they still do in many other European "
    'languages. A word like "bite" was pronounced something like "beet", "meet" sounded like '
    '"mate", "house" sounded like "hoose", and "name" had a vowel close to the one in '
    'modern "father". Over about three centuries, the long vowels moved upwards in the mouth, '
    'one after the other, and the two highest ones, the "ee" and "oo" sounds, could not move '
    'any higher and became diphthongs: "bite" gained its modern "ai" sound and "house" its '
    '"au" sound.\n\n'
    "Linguists still argue about why this happened. Some suggest that the movement of people to "
    "London after the Black Death mixed dialects and encouraged new pronunciations, which then "
    'became fashionable. Others point to a "chain" effect: once one vowel moved, it crowded the '
    "next one, which moved in turn. Whether the chain was pushed from below or pulled from above "
    "is itself a long-running debate.\n\n"
    "Crucially, the shift happened just as spelling was becoming fixed. The printing press arrived "
    "in England in 1476, and printers, many of whom were not English, settled on spellings that "
    "often reflected older pronunciations. So English kept writing words the way they had sounded "
    'before the shift, while speech moved on. That is why the letter "i" in "bite" and "i" '
    'in "bit" represent such different sounds, and why English long vowels look so odd to '
    "speakers of languages like Spanish or Italian.\n\n"
    'The shift also explains some pairs of related words, such as "divine" and "divinity" or '
    '"serene" and "serenity": in the longer words the vowel was short, so it did not shift.'
)

CRICKET_REPORT = (
    "Ashworth Village 214 for 7 (Patel 88, Nolan 41) beat Linley Park 211 (Cooper 67; Ahmed 4-38) "
    "by three wickets\n\n"
    "Ashworth Village kept their league title hopes alive with a tense chase under grey skies at "
    "the Rec on Saturday, getting home with just four balls to spare.\n\n"
    "Linley Park chose to bat and were well placed at 140 for 2 after 30 overs, with opener Joe "
    "Cooper timing the ball beautifully on a slow pitch. But the introduction of leg-spinner Imran "
    "Ahmed changed the game. Ahmed had Cooper stumped for 67 with his second ball and then took "
    "three more wickets in four overs as Linley lost 6 for 31. A late stand of 40 between the "
    "tail-enders pushed the total to 211 all out in the 48th over.\n\n"
    "Ashworth's reply started badly when both openers fell with only 12 on the board. Captain "
    "Arjun Patel steadied things, adding 96 for the third wicket with veteran Sean Nolan, whose 41 "
    "included the shot of the day, a straight six into the car park that stopped play for five "
    "minutes while a windscreen was inspected (it was fine).\n\n"
    "When Nolan and two more batters fell quickly, Ashworth needed 52 from the last eight overs. "
    "Patel, batting with the tail, took most of the strike and hit three fours in the 47th over. "
    "He was out caught on the boundary for 88 with eight still needed, leaving 17-year-old Tom "
    "Reilly to finish it with a nervous edge past slip for four and then a clean drive for the "
    "winning runs.\n\n"
    "Ashworth move up to second, four points behind leaders Fenwick, whom they play at home next "
    "Saturday."
)

BIRD_COUNT = (
    "More than 14,000 people took part in this year's Garden Bird Watch, a record, counting the "
    "birds that visited their gardens, balconies and school grounds for one hour over a weekend in "
    "late January.\n\n"
    "The house sparrow again came top of the list, seen in 63% of gardens with an average of 4.1 "
    "birds per garden, although numbers remain far below those recorded when the survey began in "
    "1979. Blue tits came second and starlings third. The starling's average count fell by 9% "
    "compared with last year, continuing a long decline.\n\n"
    "The biggest winner was the long-tailed tit, which rose four places to fifth. Researchers "
    "think a mild winter helped more of these tiny birds survive; they weigh about as much as a "
    "one-pound coin and can lose up to 10% of their body weight on a cold night. Goldfinches, once "
    "rare in gardens, were seen in 31% of them, a change experts link to people putting out "
    "sunflower hearts and nyjer seed.\n\n"
    "Not all the news was good. Greenfinch numbers fell again, mostly because of a parasite "
    "disease that spreads at bird feeders. Organisers remind participants to clean feeders and "
    "bird baths every week and to rotate feeding places.\n\n"
    'The survey depends entirely on volunteers. "One hour with a cup of tea and a notebook gives '
    "us data we could never collect any other way,\" said the project's coordinator, Dr Aisling "
    "Moran. Results are used to spot declines early and to decide which species need more detailed "
    "research. Next year's count will take place on the last weekend of January. Schools can "
    "register from November."
)

ALL_HANDS_MEMO = (
    "From: Ruth Okoye, CEO\n"
    "To: All staff\n"
    "Subject: Changes to how we're organised\n\n"
    "Hi everyone,\n\n"
    "As promised at Thursday's all-hands, here is a written summary of the changes, so you have "
    "everything in one place.\n\n"
    "Starting 1 July, we're moving from teams organised by function (design, engineering, "
    "marketing) to four product teams, each responsible for one part of what our customers use: "
    "Onboarding, Billing, Reporting and Mobile. Each product team will have its own product lead, "
    "designers and engineers, and will set its own quarterly goals with me and the leadership "
    "group.\n\n"
    "Why? Over the past year, too many projects have waited weeks for another team to have time. "
    "Customers have noticed. Putting the people who need to work together in the same team should "
    "make us faster and give everyone clearer ownership.\n\n"
    "What stays the same: your manager, your pay, your job title and your working pattern. Nobody "
    "is losing their job because of this change. Marketing and Customer Support stay as they are.\n"
    "\n"
    "What changes: most of you will join a product team, and your day-to-day priorities will come "
    "from that team's product lead. You'll get an email from HR by 14 June saying which team "
    "you're in. We've tried to follow the preferences many of you gave in the survey; about 80% of "
    "people got their first choice.\n\n"
    "If you have concerns about your placement, talk to your manager or to HR before 21 June. We "
    "will also hold open Q&A sessions on 17 and 19 June.\n\n"
    "I know reorganisations are unsettling. I'd rather we tried this and adjusted as we learn than "
    "carry on as we are.\n\n"
    "Ruth"
)

BALCONY_TOMATOES = (
    "Balcony tomatoes, year three: what finally worked\n\n"
    "For two summers my balcony tomatoes were a disaster. Year one: tall, leggy plants with about "
    "eleven tomatoes between them. Year two: lots of fruit, but half of it split and the rest got "
    "blossom end rot (those black, leathery patches at the bottom). This year I harvested over 9 "
    "kg from four plants on a small east-facing balcony, so here is what I changed, in case it "
    "helps someone.\n\n"
    "1. Bigger pots. I used to grow them in 10-litre pots. This year each plant got a 30-litre "
    "container. The difference was huge: the compost didn't dry out by mid-afternoon, and the "
    "plants stayed sturdy.\n\n"
    "2. Watering the boring way. Most of my split fruit came from a dry pot suddenly getting a lot "
    "of water. This year I watered every morning, a steady amount, and a second time on very hot "
    "evenings. Blossom end rot is usually about uneven water reaching the fruit, not a lack of "
    "calcium in the soil, so the steady routine fixed that too.\n\n"
    "3. The right variety. East-facing means only about five hours of direct sun. I switched from "
    "a big beefsteak variety to two cherry types and one small plum variety, which ripen with less "
    "sun.\n\n"
    "4. Feeding. Once the first flowers set, I gave a liquid tomato feed once a week. Before that, "
    "nothing - too much feed early gave me all those leaves in year one.\n\n"
    "5. Pinching out. I grew cordon varieties on canes and removed the side shoots twice a week. "
    "Less jungle, more air, and no mildew this year.\n\n"
    'What didn\'t work: companion-planting basil to "keep pests away". The basil was lovely, the '
    "whitefly didn't care. A weekly spray of the leaves' undersides with water did more.\n\n"
    "Next year I want to try a grafted plant to see if the extra vigour is worth the price."
)

INSURANCE_LETTER = (
    "Dear Mr Lindgren,\n\n"
    "Claim number MC-448271 - vehicle damage, 2 February\n\n"
    "Thank you for your claim and for the photographs and repair estimate you sent us on 9 "
    "February. We have now completed our assessment.\n\n"
    "Your policy covers accidental damage to your vehicle, subject to an excess of 350. We accept "
    "that the damage to the rear bumper and tailgate was caused by an accident while you were "
    "reversing in a car park, and we will pay for these repairs. The approved repair cost is "
    "1,840. After your excess, we will pay 1,490 directly to Moss Lane Motors, the repairer you "
    "chose, once the work is complete.\n\n"
    "However, we are unable to pay for the damage to the front right wheel and tyre listed in the "
    "estimate (420). Our engineer's report concludes that the wear on this tyre and the corrosion "
    "on the wheel rim happened gradually over time and are not connected with the accident on 2 "
    "February. Section 4.3 of your policy booklet excludes wear and tear, and damage caused by "
    "mechanical or electrical failure.\n\n"
    "As this was a claim where you were at fault, it will affect your no-claims discount. Your "
    "discount will fall from 5 years to 3 years at your next renewal, on 1 May.\n\n"
    "If you disagree with this decision, please write to us within 28 days, including any further "
    "evidence, such as a report from an independent engineer. If you remain unhappy after our "
    "final response, you can refer your complaint to the Financial Ombudsman Service free of "
    "charge; details are enclosed.\n\n"
    "Yours sincerely,\n\n"
    "Jane Pemberton\n"
    "Claims Handler, Meridian Motor Insurance"
)

RADIUM_GIRLS = (
    "In the years around the First World War, luminous watch dials were a fashionable novelty and "
    "a military necessity, allowing soldiers to read their watches in the dark. The glowing paint "
    "contained radium, and the dials were painted by hand, mostly by young women working in "
    "factories in New Jersey, Illinois and Connecticut.\n\n"
    "The work was considered a good job: it paid well and was clean compared with factory work. To "
    "get a fine point on their brushes, the women were taught to shape the bristles with their "
    'lips - a technique called "lip, dip, paint". Each time, they swallowed a small amount of '
    "radium. Some even painted their nails and teeth with it for fun. Company managers, some of "
    "whom understood the risks of radium, wore protective equipment in their own laboratories.\n\n"
    "By the early 1920s, dial painters began to fall ill. Their jaws decayed and broke, a "
    'condition later called "radium jaw", and many developed anaemia and bone cancers. Radium '
    "behaves chemically like calcium, so the body deposits it in the bones, where it keeps "
    "emitting radiation for years. The companies at first denied any link and suggested other "
    "causes.\n\n"
    "In 1927 five women, led by Grace Fryer, sued the United States Radium Corporation. They were "
    "so ill that some could not raise their arms to take an oath in court. The case was settled "
    "out of court in 1928, with each woman receiving a lump sum and an annual payment. In the "
    "following decade, a case brought by dial painters in Ottawa, Illinois, against the Radium "
    "Dial Company ended in the women's favour in 1938.\n\n"
    "The dial painters' cases helped establish the right of workers to sue employers for damage to "
    "their health caused by their work, and data from their illnesses shaped safety standards for "
    "radioactive materials, including limits later used in the nuclear industry."
)

API_RATE_LIMITS = (
    "# Rate limits\n\n"
    "All requests to the Parcelwise API are rate limited per API key. Limits depend on your plan:\n"
    "\n| Plan       | Requests per minute | Requests per day | Burst |\n"
    "|------------|---------------------|------------------|-------|\n"
    "| Free       | 60                  | 5,000            | 10    |\n"
    "| Starter    | 300                 | 100,000          | 50    |\n"
    "| Business   | 1,200               | 1,000,000        | 200   |\n"
    "| Enterprise | custom              | custom           | custom|\n\n"
    '"Burst" is the number of requests you can make within a single second before per-second '
    "throttling applies.\n\n"
    "## Headers\n\n"
    "Every response includes three headers:\n\n"
    "- `X-RateLimit-Limit`: your per-minute limit\n"
    "- `X-RateLimit-Remaining`: requests left in the current one-minute window\n"
    "- `X-RateLimit-Reset`: the Unix timestamp when the window resets\n\n"
    "## When you exceed a limit\n\n"
    "Once you go over, you'll get status code `429` back, along with a `Retry-After` value in the "
    "response headers saying how many seconds to wait. Requests that receive a 429 do not count "
    "towards your daily limit. If you keep sending requests while limited, your key may be blocked "
    "for 15 minutes.\n\n"
    "We recommend exponential backoff: wait for `Retry-After`, then double the delay after each "
    "further 429, up to a maximum of 60 seconds.\n\n"
    "## Webhooks and bulk endpoints\n\n"
    "Webhook deliveries to your server do not count towards your limits. The bulk endpoint `POST "
    "/v2/shipments/batch` accepts up to 100 shipments and counts as one request per 10 shipments "
    "(rounded up).\n\n"
    "## Raising your limits\n\n"
    "Starter and Business customers can request a temporary increase (for example for a seasonal "
    "peak) from the dashboard at least 5 working days in advance."
)

MEDICATION_LEAFLET = (
    "PACKAGE LEAFLET: INFORMATION FOR THE USER\n"
    "Dolorex 400 mg film-coated tablets (ibuprofen)\n\n"
    "Please read this whole leaflet before taking the tablets, and keep it somewhere safe for "
    "later.\n\n"
    "1. About Dolorex\n"
    "Dolorex contains ibuprofen, a non-steroidal anti-inflammatory drug (NSAID). It is used to "
    "relieve mild to moderate pain such as headache, dental pain, period pain, back pain and "
    "muscular pain, and to reduce fever.\n\n"
    "2. Do not take Dolorex if you:\n"
    "- are allergic to ibuprofen, aspirin or other NSAIDs;\n"
    "- have or have had a stomach ulcer or bleeding;\n"
    "- have severe heart, liver or kidney failure;\n"
    "- are in the last three months of pregnancy.\n"
    "Talk to your doctor or pharmacist before taking Dolorex if you have asthma, high blood "
    "pressure, or are taking blood thinners, other painkillers or medicines for depression.\n\n"
    "3. How to take Dolorex\n"
    "Adults and adolescents over 12 years (weighing more than 40 kg): one tablet with water, up to "
    "three times a day if needed. Leave at least 6 hours between doses. Do not take more than 3 "
    "tablets (1200 mg) in 24 hours. Take the tablet with or after food to reduce stomach upset. Do "
    "not take for more than 3 days for fever or 5 days for pain without talking to a doctor.\n"
    "Not for children under 12 years.\n\n"
    "4. Possible side effects\n"
    "Common: stomach pain, heartburn, nausea, diarrhoea. Uncommon: headache, dizziness, skin "
    "rash.\n"
    "Stop taking Dolorex and seek medical help at once if you notice black tarry stools, vomiting "
    "blood, a swollen face, lips or tongue, or difficulty breathing.\n\n"
    "5. How to store Dolorex\n"
    "Store below 25 C, somewhere children cannot see or reach. Check the EXP date on the box and "
    "don't take tablets past it."
)

CONFERENCE_AGENDA = (
    "DataCoast 2024 - Day 2 agenda (Thursday)\n\n"
    "08:30-09:15  Registration and coffee (Atrium)\n"
    '09:15-10:00  Keynote: "Your dashboard is lying to you" - Dr Ngozi Eze, Head of Analytics, '
    "Sundial Health (Main Hall)\n"
    "10:00-10:15  Short break\n\n"
    "Track A - Engineering (Room 1)\n"
    "10:15-11:00  Migrating 4 PB without downtime: lessons from a logistics company - Pavel Horák\n"
    "11:00-11:45  Streaming joins in practice - Sofia Brennan\n"
    "11:45-12:30  Panel: Do we still need data warehouses? (moderator: Ilse de Vries)\n\n"
    "Track B - Analytics & ML (Room 2)\n"
    "10:15-11:00  Forecasting demand for a regional bakery chain - Tomás Ruiz\n"
    "11:00-11:45  Feature stores: worth it for small teams? - Hana Kobayashi\n"
    "11:45-12:30  Workshop (bring a laptop): causal inference with observational data - Dr Liam "
    "Osei. Limited to 40 people; sign up at the help desk.\n\n"
    "12:30-13:30  Lunch (Atrium). Vegetarian and vegan options available; tell the help desk about "
    "allergies by 10:00.\n\n"
    "13:30-14:15  Lightning talks (Main Hall): eight 5-minute talks, sign-up sheet at the help "
    "desk until 11:00\n"
    "14:15-15:00  Track A: Data contracts between teams - Mariam Haddad / Track B: Evaluating LLM "
    "features without fooling yourself - Jon Ekberg\n"
    "15:00-15:30  Coffee break and posters\n"
    '15:30-16:15  Closing keynote: "Ten years of open data in city government" - Councillor Rosa '
    "Lind (Main Hall)\n"
    "16:15-16:30  Awards for best poster and best lightning talk, closing remarks\n"
    "17:00-19:00  Reception at the harbour terrace (included with all tickets; bring your badge)\n"
    "\nNote: the 11:00 session in Room 2 was moved from Room 3 due to numbers."
)

RIVER_CLEANUP = (
    "Annual report - Friends of the River Wend (summary)\n\n"
    "It has been our busiest year since the group was founded in 2016. We held 22 cleanup sessions "
    "along the river between the old bridge and the weir, compared with 15 last year. A total of "
    "412 volunteers took part (some many times), giving 1,530 volunteer hours.\n\n"
    "What we removed\n"
    "We collected 3.8 tonnes of litter, including 1,940 plastic bottles, 660 drinks cans, 31 "
    "traffic cones, 12 shopping trolleys, 9 bicycles, 4 e-scooters, a sofa and, memorably, a "
    "full-size plastic Christmas tree in July. Plastic bottles made up a smaller share of our "
    "finds than in previous years, which may be linked to the new deposit return scheme at local "
    "shops.\n\n"
    "Water quality\n"
    "Our volunteer testing team sampled the river at four points every month. Nitrate levels were "
    "lower than last year at three sites, but phosphate readings below the sewage treatment works "
    "were above the recommended level in 8 of 12 months. We shared our data with the environment "
    "agency and the water company and have asked for a meeting about storm overflows.\n\n"
    "Wildlife\n"
    "Volunteers recorded kingfishers at five locations (three last year) and otter tracks twice "
    "near the weir, the first confirmed records since the group began. We also cleared Himalayan "
    "balsam, an invasive plant, from about 1.2 km of riverbank.\n\n"
    "Money\n"
    "Income was 7,850, mostly from a local business grant (4,000) and donations. We spent 6,320, "
    "mainly on equipment, testing kits and insurance. We end the year with 3,900 in reserve.\n\n"
    "Next year\n"
    "We plan to start monthly sessions for schools, install two litter booms at drain outlets and "
    "run a public event on river health in the spring."
)

CHESS_REPORT = (
    "The fourth round of the Northern Open produced the shock of the tournament so far, as "
    "15-year-old Ilona Varga, rated more than 300 points below her opponent, beat top seed "
    "Grandmaster Viktor Lindahl with the black pieces.\n\n"
    "Lindahl chose a quiet line against Varga's French Defence and seemed to be building a small "
    'advantage when he pushed his kingside pawns on move 22. Varga later said she had "felt that '
    'something was wrong with his king" and, after thinking for 35 minutes, sacrificed a knight '
    "on f3. The computer evaluation swung wildly for several moves, but Lindahl, short on time, "
    "missed the only defence on move 29 and lost his queen for a rook two moves later. He resigned "
    "on move 41.\n\n"
    '"I was not sure the sacrifice was correct. I was sure it was interesting," Varga told '
    "spectators afterwards. She now shares the lead on 3.5 points out of 4 with International "
    "Master Carlos Medina, who drew a long endgame against Sarah Whitcombe on board two.\n\n"
    'Lindahl, who won the event in 2019 and 2022, drops to 2.5 points. "She played more bravely '
    'than I did. That is the whole story of the game," he said.\n\n'
    "Elsewhere, the tournament's oldest player, 83-year-old Harold Pike, won his second game in a "
    "row, and the junior section was won with a round to spare by nine-year-old Aarav Menon, who "
    "scored a perfect 5 out of 5.\n\n"
    "Round five starts on Sunday at 10:00, with Varga facing Medina on board one. Games are "
    "broadcast live on the club website with a short delay."
)

PARKING_SURVEY = (
    "Results of the town centre parking survey (summary for councillors)\n\n"
    "The online and paper survey ran for six weeks in spring. We received 1,284 responses: 71% "
    "from residents, 18% from people who work in the town centre, and 11% from visitors.\n\n"
    "How respondents usually travel to the town centre:\n\n"
    "| Mode            | Share |\n"
    "|-----------------|-------|\n"
    "| Car             | 52%   |\n"
    "| Walking         | 24%   |\n"
    "| Bus             | 13%   |\n"
    "| Bicycle         | 7%    |\n"
    "| Other / mixed   | 4%    |\n\n"
    "Main findings\n"
    '- 64% said finding a space on Saturdays is "difficult" or "very difficult". On weekdays '
    "the figure was 29%.\n"
    '- The most criticised car park was Station Road (multi-storey): 58% rated it "poor", mainly '
    "for lighting, lifts out of order and the payment machines.\n"
    "- Asked about the proposal to make the first hour free in the two council car parks, 69% were "
    "in favour, 12% against and the rest had no opinion.\n"
    "- 41% of car users said they would consider taking the bus if there were a service after 7 "
    "pm. At present the last buses leave the centre at 6.40 pm.\n"
    "- Shop owners (83 responses) were split on parking charges: 47% wanted them lowered, but 38% "
    "said the main problem was staff taking all-day spaces needed by customers.\n\n"
    "Officers' recommendations\n"
    "1. Trial one hour free parking in the two council car parks for six months and measure the "
    "effect on takings and occupancy.\n"
    "2. Repair the lifts and lighting at Station Road before the end of the financial year.\n"
    "3. Discuss later evening bus services with the operator.\n"
    "4. Offer discounted monthly permits for town centre workers at the edge-of-town car park, "
    "freeing central spaces for shoppers."
)

METEOR_SHOWER = (
    "How to watch the Perseids this August\n\n"
    "The Perseid meteor shower is one of the best of the year for observers in the Northern "
    "Hemisphere, partly because it happens on warm summer nights. It is active from mid-July until "
    "late August, but peaks around 12 to 13 August, when a dark sky can show 50 to 100 meteors an "
    "hour.\n\n"
    "The meteors are tiny pieces of dust, mostly smaller than a grain of sand, left behind by "
    "comet Swift-Tuttle. Every year in August, Earth passes through this trail of dust, and the "
    "particles hit our atmosphere at about 59 kilometres per second, burning up and producing "
    "bright streaks of light. Because the meteors all seem to come from one point in the "
    "constellation Perseus, the shower is named after it.\n\n"
    "Tips for watching:\n"
    "- Get away from streetlights. Even a short drive into the countryside makes a big "
    "difference.\n"
    "- The best time is after midnight and before dawn, when your side of the Earth faces into the "
    "stream of dust.\n"
    "- You don't need a telescope or binoculars, which show only a small part of the sky. Just lie "
    "back on a reclining chair or a blanket and look up, about halfway between the horizon and the "
    "point directly overhead.\n"
    "- Give your eyes 20 to 30 minutes to adapt to the dark, and don't look at your phone, or use "
    "it in red-light mode.\n"
    "- Bring warm clothes anyway. Even August nights get cold after a few hours lying still.\n\n"
    "This year the Moon will be only a thin crescent at the peak, setting early in the evening, so "
    "conditions should be very good if the weather is clear. If it's cloudy on the peak night, try "
    "the nights before and after: rates will be lower but still worth it."
)

PASSAGES: dict[str, str] = {
    "FERRY_STRIKE": FERRY_STRIKE,
    "PRESSURE_COOKER_MANUAL": PRESSURE_COOKER_MANUAL,
    "NDA_CLAUSE": NDA_CLAUSE,
    "BOILER_EMAIL_THREAD": BOILER_EMAIL_THREAD,
    "SPRINT_RETRO": SPRINT_RETRO,
    "FOCACCIA_RECIPE": FOCACCIA_RECIPE,
    "NAP_ABSTRACT": NAP_ABSTRACT,
    "BIKE_FORUM": BIKE_FORUM,
    "ROBOT_VACUUM_REVIEW": ROBOT_VACUUM_REVIEW,
    "SVANETI_DIARY": SVANETI_DIARY,
    "HEDY_LAMARR": HEDY_LAMARR,
    "COWORKING_FAQ": COWORKING_FAQ,
    "RETURN_POLICY": RETURN_POLICY,
    "LANGUAGE_PODCAST": LANGUAGE_PODCAST,
    "DB_CHANGELOG": DB_CHANGELOG,
    "BIKE_LANE_VOTE": BIKE_LANE_VOTE,
    "LEASE_PETS": LEASE_PETS,
    "LAB_SAFETY": LAB_SAFETY,
    "LAHARS": LAHARS,
    "TEA_CLIPPERS": TEA_CLIPPERS,
    "PARENTAL_LEAVE": PARENTAL_LEAVE,
    "ANNIVERSARY_CHAT": ANNIVERSARY_CHAT,
    "CERT_POSTMORTEM": CERT_POSTMORTEM,
    "MUSEUM_AUDIO": MUSEUM_AUDIO,
    "ORCHARD_GRANT": ORCHARD_GRANT,
    "FILM_REVIEW": FILM_REVIEW,
    "CARD_BLOCKED_CALL": CARD_BLOCKED_CALL,
    "SCHOOL_TRIP_LETTER": SCHOOL_TRIP_LETTER,
    "OCTOPUS": OCTOPUS,
    "MARKET_REPORT": MARKET_REPORT,
    "HYPOTHERMIA": HYPOTHERMIA,
    "FLAT_LISTING": FLAT_LISTING,
    "OBITUARY": OBITUARY,
    "HEAT_PUMP_BRIEF": HEAT_PUMP_BRIEF,
    "WASHER_WARRANTY": WASHER_WARRANTY,
    "STARTUP_MEMO": STARTUP_MEMO,
    "VOWEL_SHIFT": VOWEL_SHIFT,
    "CRICKET_REPORT": CRICKET_REPORT,
    "BIRD_COUNT": BIRD_COUNT,
    "ALL_HANDS_MEMO": ALL_HANDS_MEMO,
    "BALCONY_TOMATOES": BALCONY_TOMATOES,
    "INSURANCE_LETTER": INSURANCE_LETTER,
    "RADIUM_GIRLS": RADIUM_GIRLS,
    "API_RATE_LIMITS": API_RATE_LIMITS,
    "MEDICATION_LEAFLET": MEDICATION_LEAFLET,
    "CONFERENCE_AGENDA": CONFERENCE_AGENDA,
    "RIVER_CLEANUP": RIVER_CLEANUP,
    "CHESS_REPORT": CHESS_REPORT,
    "PARKING_SURVEY": PARKING_SURVEY,
    "METEOR_SHOWER": METEOR_SHOWER,
}

# ------------------------------------------------------------------------------ translation

TRANSLATION: list[str] = [
    (
        'Könnten Sie mir bitte kurz sagen, was das auf Englisch heißt? "Wegen Bauarbeiten bleibt die '
        "Bibliothek vom 3. bis 17. Juli geschlossen. Ausgeliehene Bücher können in dieser Zeit am "
        'Rathaus zurückgegeben werden."'
    ),
    (
        "English?\n\n"
        "Je suis désolée de ne pas avoir répondu plus tôt, j'étais en déplacement toute la semaine. On "
        "peut se voir jeudi après-midi si ça te va encore."
    ),
    (
        'my spanish friend just sent me this, what does it say: "oye, al final no puedo ir al '
        "concierto, me ha salido un turno en el trabajo. si quieres te vendo mi entrada a mitad de "
        'precio"'
    ),
    (
        "Mi traduci questo avviso in inglese?\n"
        '"Il ristorante resterà chiuso il lunedì per tutto il mese di agosto. Per prenotazioni di '
        'gruppi superiori a otto persone è necessario un anticipo."'
    ),
    (
        'O que significa isso em inglês? "Vou chegar um pouco atrasado, o trânsito está parado na '
        'ponte. Começa a reunião sem mim."'
    ),
    (
        "Dutch to English please:\n"
        "Beste buren, zaterdag geven wij een verjaardagsfeestje in de tuin. Het kan tot ongeveer elf "
        "uur wat lawaaierig zijn. Excuses alvast, en jullie zijn natuurlijk ook welkom!"
    ),
    (
        'Proszę przetłumaczyć na angielski: "Paczka nie mieściła się w skrzynce, więc zostawiliśmy ją '
        'u sąsiada pod numerem 12."'
    ),
    (
        "Помогите перевести на английский: «Я уже третий раз звоню в вашу службу поддержки, и никто не "
        "может объяснить, почему с меня списали деньги дважды.»"
    ),
    'meaning? "Дякую, що прийшли. Без вас ми б не впоралися з переїздом."',
    (
        'Can you translate this Greek sign for me? "Απαγορεύεται το κολύμπι μετά τη δύση του ηλίου. '
        'Δεν υπάρχει ναυαγοσώστης."'
    ),
    'İngilizcesi ne olur? "Sipariş ettiğim ayakkabılar iki numara küçük geldi, değiştirmek istiyorum."',
    (
        "Translate from Arabic to English:\n"
        "أعتذر عن التأخير في الرد. سأرسل لك التقرير كاملاً صباح الغد إن شاء الله."
    ),
    'מה כתוב כאן באנגלית? "הכניסה לחניון דרך רחוב הרצל בלבד. החניה לאורחים בקומה מינוס 2."',
    ("Hindi → English:\nकल सुबह पानी की सप्लाई नौ बजे से दोपहर दो बजे तक बंद रहेगी। कृपया पहले से पानी भर कर रखें।"),
    (
        "请把下面这段话翻译成英文：\n"
        "我们小区下周一开始更换电梯，施工期间大约两个星期，请住在高层的居民提前做好安排。"
    ),
    (
        "この文を英語に訳してください。「来週の会議は、部長の都合により水曜日から金曜日の午後三時に変更"
        "になりました。」"
    ),
    "what's this in english\n주말 동안 고양이 밥 좀 챙겨 줄 수 있어? 열쇠는 화분 밑에 있어.",
    (
        'Câu này tiếng Anh nói sao vậy? "Quán này phở ngon lắm, nhưng phải đến trước bảy giờ sáng, '
        'không thì hết chỗ."'
    ),
    'ช่วยแปลเป็นภาษาอังกฤษหน่อย: "รถไฟเที่ยวสุดท้ายออกตอนสี่ทุ่มครึ่ง ถ้าพลาดต้องนั่งแท็กซี่กลับ"',
    (
        "Terjemahkan ke bahasa Inggris: Mohon maaf, pesanan Anda akan terlambat dua hari karena banjir "
        "di gudang kami. Kami akan memberikan potongan ongkos kirim untuk pesanan berikutnya."
    ),
    (
        'Swahili to English: "Mama amesema chakula cha jioni kitakuwa tayari saa moja. Usichelewe, na '
        'ulete mkate ukipita dukani."'
    ),
    (
        "Hej! Could u translate my Swedish grandma's postcard to english? \"Kära Emma, här är det "
        "kallt men soligt. Vi har plockat lingon i skogen och morfar har lagat taket på stugan. Kram, "
        'mormor"'
    ),
    (
        'yaar ye translate kar do english mein: "kal office nahi aa paunga, tabiyat thodi kharab hai, '
        'ghar se kaam kar lunga"'
    ),
    (
        "Translate this Persian text into English:\n"
        "لطفاً قبل از ساعت پنج فرم ثبت‌نام را پر کنید و همراه با کپی شناسنامه به دفتر مدرسه تحویل دهید."
    ),
    (
        'Ano ito sa English? "Sorry talaga, hindi ako makakapunta sa kasal ni Ate. Nagkasakit ang '
        'anak ko kagabi."'
    ),
    (
        "Translate into French: \"Please remember to water the plants on the balcony while I'm away, "
        'twice a week is enough."'
    ),
    (
        'How do I say this in Spanish? I want to ask my neighbour: "Would you mind turning the music '
        'down a little after ten? My baby is trying to sleep."'
    ),
    (
        "Übersetze bitte ins Deutsche:\n\n"
        "Thank you for your application. Unfortunately, we have decided to proceed with other "
        "candidates whose experience more closely matches the role. We will keep your details on file "
        "for future openings."
    ),
    (
        "I'm going to Tokyo next week. Can you put this into Japanese so I can show it at restaurants? "
        '"I am allergic to shellfish. Please tell me if this dish contains shrimp, crab or clams."'
    ),
    (
        "English to Simplified Chinese:\n"
        "The museum is free for children under twelve. Adult tickets are 15 dollars and include an "
        "audio guide."
    ),
    (
        'Korean translation please, polite form: "Thank you for having me over for dinner. The food '
        'was delicious and I had a wonderful evening."'
    ),
    'Переведи на русский: "Tomorrow\'s call is now in room 4B, second floor. Bring your laptop."',
    (
        "Translate the following to Arabic (Modern Standard):\n"
        "Due to scheduled maintenance, online banking will be unavailable on Sunday from 1 a.m. to 5 "
        "a.m."
    ),
    (
        "need this in hindi for my nani's birthday card: \"Happy 80th birthday, Nani! Thank you for "
        'all the stories, the mangoes and the love. We miss you every day."'
    ),
    (
        "Could you translate this product description into Brazilian Portuguese?\n\n"
        "Lightweight, water-resistant backpack with a padded laptop sleeve (fits up to 15 inches), two "
        "side pockets for bottles and a hidden pocket for your passport."
    ),
    'Italian please: "Is there a pharmacy open on Sunday near here? My daughter has a high fever."',
    (
        "Translate into Turkish: The hotel shuttle leaves from the main entrance every 40 minutes "
        "between 6 am and midnight."
    ),
    (
        'Polish version of this text message please: "Hi Marta, I left the keys with the '
        "receptionist. The heating is on a timer, don't touch it. See you Friday!\""
    ),
    (
        "System: Translate everything the user writes into Vietnamese. Keep it casual, like texting a "
        "friend.\n"
        "User: Hey, are you free Saturday? A few of us are going to the night market and then karaoke."
    ),
    (
        'How would you say "The road to the waterfall is closed after heavy rain; please use the '
        'forest path instead" in Indonesian?'
    ),
    (
        'Translate to Swahili: "The clinic is open from Monday to Saturday. Vaccinations for children '
        'are free."'
    ),
    (
        'In het Nederlands graag: "We regret to inform you that your flight has been cancelled. You '
        'can rebook free of charge on the app or at the service desk."'
    ),
    (
        'Can you help me write this in Greek for my landlady on Crete? "The water heater is not '
        'working. Could someone come to look at it tomorrow morning?"'
    ),
    (
        "Hebrew translation needed:\n"
        '"Congratulations on the new apartment! Wishing you many happy years there."'
    ),
    (
        'Could you please render the following sentence in Swedish: "The library has extended its '
        'opening hours during the exam period and is now open until 11 pm."'
    ),
    (
        "Translate into Norwegian (bokmål): \"Don't forget your hat and gloves, it's going to be minus "
        'fifteen tomorrow."'
    ),
    (
        'Bengali translation: "Your appointment with Dr. Rahman is confirmed for Tuesday at 4 pm. '
        'Please arrive 15 minutes early."'
    ),
    (
        "Put this into Thai for our hotel guests:\n"
        "Breakfast is served from 6:30 to 10:00 on the ground floor. Please show your room key."
    ),
    (
        'Перекладіть українською, будь ласка: "We are collecting warm clothes and blankets for the '
        'shelter. You can drop them off at the school gym until Friday."'
    ),
    (
        "Translate to Catalan. Reply with the translation only.\n"
        '"The festival starts at sunset. Bring something to sit on and a torch for the walk home."'
    ),
]

# ------------------------------------------------------------------------------ summarization

SUMMARIZATION: list[str] = [
    "I only have a minute - what happened here, in a nutshell?\n\n" + FERRY_STRIKE,
    (
        PRESSURE_COOKER_MANUAL + "\n\n"
        "my mum just got one of these and wont read the manual. can you boil this down to the 5 things "
        "she actually needs to know? bullet points pls"
    ),
    (
        "Please provide a plain-English summary of the following clause for a non-lawyer client, in no "
        "more than 120 words.\n\n" + NDA_CLAUSE
    ),
    (
        "I've been added to this email thread late. What's the gist, and is anything being asked of "
        "me?\n\n" + BOILER_EMAIL_THREAD
    ),
    (
        SPRINT_RETRO + "\n\n"
        "My boss wants three lines from this retro, no more. She only cares about problems and what "
        "we're doing about them."
    ),
    "Shorten this recipe so it fits on an index card:\n\n" + FOCACCIA_RECIPE,
    (
        "System: You are an assistant that writes short lay summaries of research for a health "
        "newsletter. Avoid jargon.\n"
        "User: Write a lay summary (about 80 words) of this abstract.\n\n" + NAP_ABSTRACT
    ),
    "tl;dr?\n\n" + BIKE_FORUM,
    ROBOT_VACUUM_REVIEW + "\n\nSum up this review in two sentences: what's good and what's bad.",
    (
        "Here's a page from my travel journal. Squeeze it into a short caption-length paragraph for an "
        "Instagram post?\n\n" + SVANETI_DIARY
    ),
    HEDY_LAMARR + "\n\nKey takeaways, 4-5 bullets, please.",
    (
        "I'm thinking of joining this place. What do I need to know from their FAQ, in brief?\n\n"
        + COWORKING_FAQ
    ),
    (
        "Resume brevemente esta política de devoluciones (en inglés está bien), solo lo más "
        "importante:\n\n" + RETURN_POLICY
    ),
    (
        LANGUAGE_PODCAST
        + "\n\nWhat's the main advice in this podcast excerpt? Keep it short, like 3 sentences."
    ),
    (
        "Write release notes highlights (max 5 bullets) for our users from this changelog. Skip the "
        "tiny stuff.\n\n" + DB_CHANGELOG
    ),
    "Article:\n" + BIKE_LANE_VOTE + "\n\nSummary (one paragraph, neutral tone):",
    (
        "My landlord sent me this clause. I don't understand legal English very good. Please explain "
        "me shortly what it say.\n\n" + LEASE_PETS
    ),
    LAB_SAFETY + "\n\nCondense these rules into a short checklist a first-year student can remember.",
    "Summarise in one sentence:\n\n" + LAHARS,
    TEA_CLIPPERS + "\n\nCan you write a short abstract (2-3 sentences) for this piece of writing?",
    (
        "### Task\n"
        "Summarize the policy below for an internal wiki page. Use bullet points. Maximum 8 bullets.\n"
        "\n### Policy\n" + PARENTAL_LEAVE
    ),
    ANNIVERSARY_CHAT + "\n\nI muted this chat for a day lol. what did my siblings decide?",
    "Executive summary please, max 100 words, for the leadership channel:\n\n" + CERT_POSTMORTEM,
    (
        MUSEUM_AUDIO + "\n\n"
        "This audio guide text is too long for our new app. Cut it down to roughly 100 words but keep "
        "the tone."
    ),
    "Summarize this grant application in 3 bullet points: what, why, how much.\n\n" + ORCHARD_GRANT,
    FILM_REVIEW + "\n\nSo did the critic like it or not? Give me the gist.",
    (
        "Please summarise the following customer call for the case notes. Reply in JSON with the keys "
        '"issue", "resolution" and "follow_up".\n\n' + CARD_BLOCKED_CALL
    ),
    (
        SCHOOL_TRIP_LETTER + "\n\n"
        "Can you pull out the key info from this school letter - dates, money, deadlines? Short list "
        "is fine."
    ),
    "condense this into a paragraph for a kids science magazine\n\n" + OCTOPUS,
    MARKET_REPORT + "\n\nSummarize the article above in under 50 words.",
    (
        "We're printing a notice for the mountain hut door. Can you cut this down to five lines max?\n"
        "\n" + HYPOTHERMIA
    ),
    FLAT_LISTING + "\n\nQuick recap of this listing? Price, size, what's included, any catches.",
    (
        "Kindly produce a concise summary of the obituary given below, suitable for reading aloud at a "
        "club meeting (around one minute).\n\n" + OBITUARY
    ),
    HEAT_PUMP_BRIEF + "\n\nBoil this brief down to a single paragraph a minister could read in the lift.",
    "what does this warranty actually cover, in a nutshell?\n\n" + WASHER_WARRANTY,
    STARTUP_MEMO + "\n\nSum up this investor memo in one paragraph, then add one line on the biggest risk.",
    "Zusammenfassung bitte, auf Englisch, drei Sätze:\n\n" + VOWEL_SHIFT,
    CRICKET_REPORT + "\n\nSummarise the match in a couple of lines for the club newsletter.",
    "User: hey can u summarize this article\nAssistant: Sure, please paste it.\nUser: " + BIRD_COUNT,
    (
        ALL_HANDS_MEMO
        + "\n\nI'm on leave and just saw this. What's changing and does it affect my pay or job? Short "
        "answer please."
    ),
    "Give me the highlights of this blog post as a numbered list of lessons.\n\n" + BALCONY_TOMATOES,
    INSURANCE_LETTER + "\n\nIn plain words, what is my insurer saying? Keep it brief.",
    "Summarize this history piece in about 60 words.\n\n" + RADIUM_GIRLS,
    API_RATE_LIMITS + "\n\nSummarize these docs for a developer in 3 bullet points.",
    "Please give a brief summary of this patient leaflet. Answer in one sentence.\n\n" + MEDICATION_LEAFLET,
    (
        CONFERENCE_AGENDA + "\n\n"
        "Can you give me a shorter version of this agenda with only the keynotes, the breaks and the "
        "evening event?"
    ),
    (
        "Our treasurer wants a short summary of the annual report for the newsletter. About 100 words "
        "please.\n\n" + RIVER_CLEANUP
    ),
    CHESS_REPORT + "\n\ntldr",
    (
        "Summarize this survey report for a busy councillor: the 3 most important findings and the "
        "recommendations, nothing else.\n\n" + PARKING_SURVEY
    ),
    METEOR_SHOWER + "\n\nMake this into a short paragraph (4 sentences max) for a community newsletter.",
]

# ------------------------------------------------------------------------------ qa

QA: list[str] = [
    "Why do onions make your eyes water when you cut them?",
    "which scientist came up with the idea of continental drift",
    "Which river flows through Baghdad?",
    "quick question: how many bones does an adult human have?",
    "In what year did Ghana become independent?",
    "what's the difference between a hurricane and a typhoon",
    "Which planet has the shortest year?",
    "How does a refrigerator keep things cold?",
    'Who composed the opera "The Magic Flute"?',
    'what does the word "quarantine" originally come from',
    "In which country would you find the ancient city of Petra?",
    "How many players are on the field for one team in a rugby union match?",
    "Is a tomato a fruit or a vegetable, botanically speaking?",
    "what year did the titanic sink",
    "Why is the sky blue during the day but red at sunset?",
    "Which Byzantine emperor had the present Hagia Sophia built?",
    "Why is lead's symbol on the periodic table Pb?",
    "Hey, random one - which country drinks the most coffee per person?",
    'Define "photosynthesis" in simple terms.',
    "how far away is the moon from earth, roughly",
    "Which alphabet is used to write Mongolian today?",
    "Which composer went deaf but kept writing music?",
    "Why does pasta take longer to cook at high altitude?",
    "who built the first practical steam engine for pumping water out of mines",
    "How do vaccines work? Answer in one sentence.",
    "What's the capital of Australia? (Not Sydney, right?)",
    'In tennis, what does "love" mean?',
    "Which element is the most common in the Earth's crust?",
    "who painted the girl with a pearl earring",
    "What's the difference between an alligator and a crocodile?",
    "How many time zones does Russia have?",
    "why do we get a full moon only about once a month",
    "Which country has won the most FIFA World Cups?",
    "What does DNA stand for?",
    "Why do dogs pant?",
    "When was the printing press invented and by whom",
    "Which mountain range is usually taken as the border between Europe and Asia?",
    "how do noise cancelling headphones work",
    'What is the plural of "octopus"?',
    "Who was Nelson Mandela?",
    "Which ocean is the deepest, and where is its deepest point?",
    "what is a leap year and why do we have them",
    "Pls tell me which blood type is the universal donor",
    "How many strings does a classical guitar have, and what are they usually made of?",
    "What was the Silk Road?",
    "System: Be brief and factual.\nUser: What is absolute zero in Celsius?",
    "where do the olympic rings colours come from",
    "What's the freezing point of seawater compared to fresh water?",
    "Whose X-ray photograph helped reveal the double helix structure of DNA?",
    "what is inflation? explain like I'm 10",
]

# ------------------------------------------------------------------------------ math_reasoning

MATH_REASONING: list[str] = [
    (
        "Farida gets 4 bread rolls at 65 cents each and a carton of milk for 1.35. She hands the "
        "cashier a 5 note. What change should she receive?"
    ),
    "A film that lasts 155 minutes starts at 7:45 pm. When will it finish?",
    "A cyclist keeps up 18 km/h. At that speed, how many hours and minutes does a 63 km ride take?",
    (
        "A rectangular garden is 12 m long and 7.5 m wide. Hugo wants to put a fence all the way "
        "around it, leaving a 1.5 m gap for a gate. How many metres of fence does he need?"
    ),
    "Nadia ate 1/4 of a pizza and her brother ate 3/8 of it. What fraction of the pizza is left?",
    (
        "A jacket is marked $80. The shop knocks a quarter off, and at the till a loyalty card takes "
        "another 10% off that reduced price. What does the jacket end up costing?"
    ),
    (
        "Right now Rosa is 30 years older than her son. In 5 years, she will be three times his age. "
        "How old is her son now?"
    ),
    (
        "My pancake recipe uses 250 ml of milk and makes 8 pancakes. I need 20 pancakes for a brunch. "
        "How much milk is that?"
    ),
    "how many seconds are there in a week? show the steps",
    (
        "A school has 486 students. They are going on a trip in buses that hold 52 students each. How "
        "many buses are needed, and how many empty seats will there be?"
    ),
    (
        "Mariana saved $15 in January. Each month after that she saved $5 more than the month before. "
        "How much had she saved in total by the end of June?"
    ),
    (
        "A van's consumption is 9 litres per hundred kilometres and diesel is 1.65 a litre. What does "
        "the diesel for a 260 km round trip come to?"
    ),
    (
        "Three friends share a restaurant bill of $96. They add a 15% tip and split everything "
        "equally. How much does each person pay?"
    ),
    (
        "A water tank is 2/3 full. After 120 litres are used it is 1/2 full. How many litres does the "
        "tank hold when full?"
    ),
    "Lin's walk to school takes 18 minutes at a steady 5 km an hour. How many kilometres is it?",
    "A square has a perimeter of 36 cm. What is its area?",
    (
        "Of the 30 children in a swimming club, 9 swim on Mondays only, two fifths swim on Wednesdays "
        "only and the rest come on both days. How many come on both days?"
    ),
    (
        "Kenji's phone battery is at 64%. It drains 8% every hour while he uses it. How many hours "
        "until the battery hits 20%?"
    ),
    (
        "I bought 5 kg of apples for 7.50 and 2 kg of pears for 4.60. What was the average price per "
        "kilogram of all the fruit?"
    ),
    (
        "A train leaves Town A at 9:00 travelling at 80 km/h. Another train leaves Town B, 440 km "
        "away, at 10:00 travelling towards A at 100 km/h. At what time do they meet?"
    ),
    (
        "Olu is paid $14 an hour for the first 40 hours a week and one and a half times that for every "
        "hour above 40. Last week he worked 46 hours. What did he earn?"
    ),
    (
        "A box holds 24 eggs. A farm collects 310 eggs on Monday and 266 on Tuesday. How many full "
        "boxes can be filled altogether, and how many eggs are left over?"
    ),
    (
        "Sara is 3 years older than Ben, and Ben is twice Lily's age. If you add up all three ages you "
        "get 33. What is Lily's age?"
    ),
    (
        "A map has a scale of 1:25,000. Two villages are 9.2 cm apart on the map. How far apart are "
        "they in real life, in kilometres?"
    ),
    (
        "A bakery sold 150 croissants on Saturday, which was 20% more than on Friday. How many did it "
        "sell on Friday?"
    ),
    (
        "Paint covers 12 square metres per litre. A wall is 5 m wide and 2.8 m high, with a window of "
        "1.2 m by 1.5 m. How many litres are needed for two coats?"
    ),
    (
        "Eva reads 35 pages a day. Her book has 420 pages and she has already read 84. How many more "
        "days will it take her to finish?"
    ),
    (
        "A store sells juice in 1.5-litre bottles for $2.10 and in 4-litre bottles for $5.20. Which is "
        "cheaper per litre, and by how much?"
    ),
    (
        "my kid's homework: a farmer has some chickens and rabbits. together they have 20 heads and 56 "
        "legs. how many rabbits are there? please explain it simply so i can help him"
    ),
    (
        "The temperature at 6 am was -7 C. By 2 pm it had risen by 15 degrees, then fell by 4 degrees "
        "by 9 pm. What was the temperature at 9 pm?"
    ),
    (
        "A gym charges a joining fee of $25 and then $18 for every month. Ayo has paid $223 in total "
        "so far. For how many months has he been a member?"
    ),
    (
        "Ines does 4 laps of the 400 m school track each weekday and 10 laps on Saturday. She rests on "
        "Sunday. How many kilometres does she run in a week?"
    ),
    (
        "A pool is 25 m long, 10 m wide and 1.6 m deep. How many litres of water does it hold when "
        "completely full?"
    ),
    (
        "Question: A bookshop bought 40 books at $6 each and sold 35 of them at $9 each. The remaining "
        "books were sold at half the selling price. What was the shop's total profit?"
    ),
    (
        "Grandma is 72. Her grandson is 9. How many years ago was grandma 10 times as old as her "
        "grandson... wait, was she ever? Work it out."
    ),
    "A printer prints 18 pages per minute. How long does it take to print 25 copies of a 12-page report?",
    (
        "Jonah spent 1/3 of his money on a game and 1/4 of what was left on snacks. He has $27 left. "
        "How much money did he start with?"
    ),
    "A triangle has angles in the ratio 2:3:4. What is the size of the largest angle?",
    "A runner finishes a 10 km race in 52 minutes 30 seconds. What was her average pace per kilometre?",
    (
        "You are a patient maths tutor.\n\n"
        "Problem: A shop marks up the cost price of a lamp by 40% and sells it for $56. What was the "
        "cost price?"
    ),
    (
        "A club has 48 members. The ratio of adults to children is 5:3. At the summer party every "
        "adult brings one guest and every child brings two. How many people are at the party, counting "
        "members?"
    ),
    (
        "Priya fills 3 jars with jam. Each jar holds 450 ml. She made 1.6 litres of jam. How much jam "
        "is left over after filling the jars?"
    ),
    "A taxi charges $3.50 to start and $1.20 per kilometre. How far can you go with $20?",
    (
        "A clock gains 3 minutes every hour. It is set correctly at noon. What time will it show when "
        "the real time is 8 pm the same day?"
    ),
    (
        "Amir's savings account pays 4% simple interest per year. He puts in $2,500. How much will he "
        "have after 3 years?"
    ),
    (
        "A pack of 6 yogurts costs $3.30, and single yogurts cost $0.65 each. How much do you save by "
        "buying 18 yogurts in packs instead of singly?"
    ),
    (
        "A plane leaves London at 11:20 local time and lands in New York 7 hours 50 minutes later. New "
        "York is 5 hours behind London. What is the local time in New York when it lands?"
    ),
    (
        "Carla has 3 times as many stickers as Dina. If Carla gives Dina 12 stickers, they will have "
        "the same number. How many stickers do they have altogether?"
    ),
    (
        "A circular pond is 14 m across, and a 1 m wide gravel path runs all round its edge. How much "
        "ground does the gravel cover? Use pi = 22/7. Answer with the number only."
    ),
    (
        "Each of 7 classrooms needs 28 chairs. The school has 150 chairs. Chairs come in stacks of 8. "
        "How many stacks must the school order?"
    ),
]

# ------------------------------------------------------------------------------ rag

RAG: list[str] = [
    "Context:\n" + FERRY_STRIKE + "\n\nQuestion: How often will ferries run during the strike?",
    (
        "<document>\n" + PRESSURE_COOKER_MANUAL + "\n</document>\n\n"
        "Using only the document above: how much liquid do I need at minimum, and what happens if I "
        "use less?"
    ),
    (
        "Based on clause 7.3 in the text below, can the receiving party disclose information if a "
        "court orders it? What condition applies?\n\n" + NDA_CLAUSE
    ),
    (
        BOILER_EMAIL_THREAD + "\n\n"
        "According to the emails, how much was in the reserve fund, and what would each flat pay if it "
        "is used?"
    ),
    (
        "[1] Sprint 40 notes: the team agreed to move standups to 9:30 to suit the Lisbon office.\n"
        "[2] "
        + SPRINT_RETRO
        + "\n[3] Wiki: the payments team owns refunds, receipts and currency handling.\n\n"
        "Who owns the currency-rounding bug, per source [2]?"
    ),
    FOCACCIA_RECIPE + "\n\nHow long should the dough stay in the fridge?",
    (
        "Read the abstract and answer: how many participants completed both visits, and did the nap "
        "affect night-time sleep?\n\n" + NAP_ABSTRACT
    ),
    BIKE_FORUM + "\n\nwhat was actually causing dan's creak in the end?",
    (
        "## Retrieved review\n" + ROBOT_VACUUM_REVIEW + "\n\n## Question\n"
        "How long does the battery really last according to the reviewer, and what was her experience "
        "with customer service?"
    ),
    (
        'Answer only from the text. If the answer isn\'t there, say "not stated".\n\n'
        "Text: " + SVANETI_DIARY + "\n\nQ: How far did they walk on day 3 and how much did they climb?"
    ),
    (
        "Who did Hedy Lamarr develop frequency hopping with, and when was the patent granted? Use the "
        "passage.\n\n"
        "Passage:\n" + HEDY_LAMARR
    ),
    (
        "System: Answer customer questions using only the FAQ provided. Be friendly and brief.\n"
        "FAQ:\n"
        + COWORKING_FAQ
        + "\nCustomer: I'm on the Flex plan, can I use your address to register my company?"
    ),
    (
        RETURN_POLICY
        + "\n\nI bought a swimsuit online, opened it and tried it on, it doesn't fit. Can I send it back?"
    ),
    (
        'Snippet A (blog): "Most polyglots recommend at least two hours of study per day."\n'
        "Snippet B (podcast transcript):\n" + LANGUAGE_PODCAST + "\n\n"
        "According to Snippet B, what does Dr. Okonjo say about studying twenty minutes a day versus "
        "three hours on Sunday, and why?"
    ),
    (
        DB_CHANGELOG
        + "\n\nWhich version fixed the infinite retry on timeouts? And what's the new default batch size?"
    ),
    (
        "Here is a news article:\n"
        '"""\n' + BIKE_LANE_VOTE + '\n"""\n'
        "What did the council agree to as a compromise for the traders?"
    ),
    LEASE_PETS + "\n\nPer this clause, can my landlord charge me an extra deposit for my assistance dog?",
    LAB_SAFETY + "\n\nWhat should a student do if a chemical gets into their eyes? Answer in one sentence.",
    "Question: Which town was buried in 1985 and how many people died?\nSource: " + LAHARS,
    (
        "Document 1:\n"
        "The Suez Canal is a sea-level waterway in Egypt connecting the Mediterranean Sea to the Red "
        "Sea.\n\n"
        "Document 2:\n" + TEA_CLIPPERS + "\n\nDocument 3:\n"
        "Greenwich is a district of south-east London known for its maritime history.\n\n"
        "Using the documents, which ships arrived in London together in 1866, and how many days had "
        "they been at sea?"
    ),
    (
        "<policy>\n" + PARENTAL_LEAVE + "\n</policy>\n"
        "<question>My partner is giving birth in October. How many weeks of fully paid leave do I get "
        "as the second parent, and can I split it?</question>"
    ),
    (
        ANNIVERSARY_CHAT + "\n\n"
        "From the chat: how much is each sibling paying for the restaurant, and who's making the cake?"
    ),
    (
        "Why did only some of the requests fail during the outage? Answer from the postmortem below.\n"
        "\n" + CERT_POSTMORTEM
    ),
    MUSEUM_AUDIO + "\n\nWhen did the museum acquire the painting, and where did it hang before?",
    (
        "<<<retrieved>>>\n" + ORCHARD_GRANT + "\n<<<end retrieved>>>\n"
        "Respond strictly from the retrieved material above.\n"
        "User query: How will the orchard be looked after once the grant runs out?"
    ),
    FILM_REVIEW + "\n\nwhat rating did the reviewer give and how long is the film",
    CARD_BLOCKED_CALL + "\n\nBased on the transcript, why was the customer's card blocked?",
    "Refer to the letter and tell me: when is the deposit due and how much is it?\n\n" + SCHOOL_TRIP_LETTER,
    OCTOPUS + "\n\nAccording to the article, what proportion of an octopus's neurons are in its arms?",
    (
        '[search result 1] Veltrano Foods annual report, page 3: "Our purpose is to bring good food '
        'to every freezer."\n'
        "[search result 2] "
        + MARKET_REPORT
        + "\n[search result 3] Frozen food market size forecast, industry newsletter.\n\n"
        "Using these results: by how much did Veltrano shares fall, and why is the CFO leaving?"
    ),
    (
        "Guide:\n" + HYPOTHERMIA + "\n\n"
        "My friend stopped shivering but she still feels really cold and she's confused. Is that good? "
        "What does the guide say?"
    ),
    FLAT_LISTING + "\n\nHow much is the deposit, and can I keep my cat there?",
    (
        "From the obituary below, why did Edwin Harrow give his drawings to the county archive, and on "
        "what condition?\n\n" + OBITUARY
    ),
    (
        HEAT_PUMP_BRIEF
        + "\n\nWhich options does the brief recommend, and what evidence does it give for that choice?"
    ),
    (
        WASHER_WARRANTY + "\n\n"
        "A hair clip got stuck in the pump of my WL7200 after 8 months. Is the repair covered? If not, "
        "what will I be charged if an engineer comes out?"
    ),
    (
        'Answer the question based on the memo. Reply in JSON with keys "mrr" and "restaurants".\n'
        "\nMemo:\n"
        + STARTUP_MEMO
        + "\n\nQuestion: What is Kettlebrook's current monthly recurring revenue and how many paying "
        "restaurants does it have?"
    ),
    VOWEL_SHIFT + '\n\nBased on this text, why do "divine" and "divinity" have different vowel sounds?',
    "Who hit the winning runs? Context below.\n\n" + CRICKET_REPORT,
    (
        BIRD_COUNT
        + "\n\nQ: which species moved up four places in the ranking and why do researchers think that "
        "happened?\n"
        "A:"
    ),
    ALL_HANDS_MEMO + "\n\nUser question: By what date will staff find out which team they're in?",
    (
        "I found this blog post:\n\n"
        + BALCONY_TOMATOES
        + "\n\nAccording to the author, what actually causes blossom end rot, and how did they fix it?"
    ),
    INSURANCE_LETTER + "\n\nHow much will the insurer pay, and to whom? Use the letter only.",
    (
        "### Source 1\n"
        "Radium was discovered in 1898 by Marie and Pierre Curie.\n\n"
        "### Source 2\n" + RADIUM_GIRLS + "\n\n### Question\n"
        'What was "lip, dip, paint", and why was it dangerous?'
    ),
    (
        API_RATE_LIMITS
        + "\n\nI'm on the Starter plan and I'm sending batches of 45 shipments to the bulk endpoint. How "
        "many requests does each batch count as, and how many per minute can I send?"
    ),
    MEDICATION_LEAFLET + "\n\nCan my 10 year old take this? Answer from the leaflet.",
    (
        "Retrieved context:\n"
        + CONFERENCE_AGENDA
        + "\n\nQuestion: Where and when is the causal inference workshop, and do I need to sign up?"
    ),
    (
        RIVER_CLEANUP
        + "\n\nBased on the report, how many volunteer hours were given this year, and what was the most "
        "unusual item found?"
    ),
    "Reference:\n" + CHESS_REPORT + "\n\nWho is Varga playing in round five, and what time does it start?",
    PARKING_SURVEY + "\n\nFrom the table: what share of respondents walk to the town centre?",
    "Using the article below, explain why the best time to watch is after midnight.\n\n" + METEOR_SHOWER,
]

# ------------------------------------------------------------------------------ mt_bench

MT_BENCH: list[str] = [
    (
        "Write a short, warm email to my team announcing that Priyanka is leaving after six years, and "
        "inviting everyone to farewell drinks on Friday at 5."
    ),
    (
        "Write a 12-line poem about a lighthouse keeper's last night on the job. No rhyming couplets "
        "please, free verse."
    ),
    (
        "Compose a radio ad (30 seconds when read aloud) for a family-run bicycle repair shop that "
        "just started offering pick-up and delivery."
    ),
    (
        "Start a ghost story (just the first 150 words) set in a laundrette that stays open all night. "
        "The first line should mention a sock."
    ),
    (
        "I need a cover letter for a junior data analyst job. I studied geography, I've done an "
        "internship at a city council where I made dashboards in Excel and a bit of Python. Keep it "
        "under 250 words and not too cheesy."
    ),
    (
        "Pretend you are a grumpy but kind-hearted ship's cook in the 1800s. A new sailor asks you "
        "what's for dinner. Stay in character."
    ),
    (
        "Let's role-play. You are the interviewer for a barista job at a busy café and I'm the "
        "candidate. Ask me your first question and wait for my answer."
    ),
    (
        "Act as a museum guide in ancient Alexandria's library, around 200 BC, greeting a visitor from "
        "far away. Describe what they'll see."
    ),
    (
        "You're a stand-up comedian. Do a short bit about trying to assemble flat-pack furniture with "
        "instructions that have no words."
    ),
    (
        "Five people - Ana, Ben, Chen, Dara and Eli - sit in a row. Ben sits next to Ana. Chen is at "
        "one end. Dara is not next to Chen. Eli is not at either end. Who could be sitting next to "
        "Chen? Explain your reasoning."
    ),
    (
        "Maya, Leo, Sam and Ida each ordered a different drink: tea, coffee, juice or water. Maya "
        "didn't order a hot drink, and she didn't order water. Leo's drink was hot. Sam ordered tea. "
        "What did Ida order? Explain step by step."
    ),
    (
        "I'm thinking of a 3-digit number. Its digits add up to 13, the hundreds digit is twice the "
        "units digit, and the tens digit is one more than the units digit. What's the number? Show how "
        "you got it."
    ),
    (
        "In a league of 6 teams, every team plays every other team once at home and once away. How "
        "many matches is that in total, and how would you count it without listing them?"
    ),
    (
        "Write a Python function `merge_intervals(intervals)` that takes a list of [start, end] pairs "
        "and merges overlapping ones. Include a couple of test cases."
    ),
    (
        "This JavaScript is supposed to print 0 to 4 after one second but prints 5 five times. Why, "
        "and how do I fix it?\n\n"
        "for (var i = 0; i < 5; i++) {\n"
        "  setTimeout(function () { console.log(i); }, 1000);\n"
        "}"
    ),
    (
        "Write a SQL query: given tables `employees(id, name, department_id, salary)` and "
        "`departments(id, name)`, return each department's name with its highest-paid employee's name "
        "and salary."
    ),
    'Explain what this bash line does, part by part:\n\nfind . -name "*.log" -mtime +7 -exec gzip {} \\;',
    (
        'My Python code crashes with "RecursionError: maximum recursion depth exceeded" on big '
        "inputs:\n\n"
        "def fact(n):\n"
        "    return 1 if n == 0 else n * fact(n - 1)\n\n"
        "How can I rewrite it so it works for n = 5000?"
    ),
    (
        "Implement a simple LRU cache class in Java with get and put methods, both O(1). Explain the "
        "data structures you chose."
    ),
    (
        "From the text below, extract every product, its price and its quantity into a JSON list.\n\n"
        "\"Hi, I'd like to order 3 packs of AA batteries at 4.99 each, one desk lamp (the 24.50 one) "
        'and two extension cables at 8.75. Thanks, Moira"'
    ),
    (
        "Pull out all the dates and what happens on each one, as a markdown table:\n\n"
        "The consultation opens on 3 February and closes on 28 March. A public meeting will be held on "
        "12 February at the town hall. The final decision is expected on 30 April, and works would "
        "start no earlier than 1 September."
    ),
    (
        "Read these three short reviews and give each a sentiment label (positive/negative/mixed) and "
        "a one-word reason. Output as CSV with header review,label,reason.\n"
        '1. "Arrived fast but the box was crushed and one cup was broken."\n'
        '2. "Exactly as pictured, my kids love it."\n'
        '3. "Stopped working after two days. Waste of money."'
    ),
    (
        "Explain why a microwave oven heats food unevenly, and why the turntable and a minute of "
        "standing time help."
    ),
    (
        "Why does salt melt ice on roads, and why does it stop working when it gets very cold? Explain "
        "at the molecular level."
    ),
    (
        "Describe the difference between mitosis and meiosis, and why organisms need both. Suitable "
        "for a 15-year-old."
    ),
    "What is a p-value, really? Explain with an example and mention one common misunderstanding.",
    (
        "How does a website prove to my browser that it really is my bank and not an impostor? Explain "
        "certificates with an analogy."
    ),
    (
        "Write a 300-word essay on how the invention of the printing press changed religion and "
        "politics in Europe."
    ),
    (
        "Compare the leadership styles of Queen Elizabeth I and Catherine the Great. What did each do "
        "to keep power?"
    ),
    (
        "Discuss whether museums should return artefacts taken during colonial times to their "
        "countries of origin. Give arguments on both sides and your own conclusion."
    ),
    "What role did the railways play in creating standardised time zones? Answer in three paragraphs.",
    (
        "User: I'm opening a tiny flower stall inside a train station. Name ideas?\n"
        'Assistant: A few: "Platform Petals", "Bloom & Go", "The 8:15 Florist".\n'
        "User: Platform Petals it is! Now write a short Instagram bio for it, with 2 emojis max."
    ),
    (
        "User: Write a haiku about rain on a tin roof.\n"
        "Assistant: Tin roof drums softly / a thousand small fingers tap / the night will not sleep\n"
        "User: Nice. Now rewrite it as a limerick, and make it funny."
    ),
    (
        "User: I want to learn to code. Python or JavaScript first?\n"
        "Assistant: It depends on your goals. If you want to build websites, JavaScript; for data, "
        "automation or general learning, Python is usually gentler.\n"
        "User: I want to automate boring Excel stuff at work. What should my first 3 small projects be?"
    ),
    (
        "User: Explain recursion like I'm five.\n"
        "Assistant: Imagine you have a set of nesting dolls. To find the smallest one, you open a "
        "doll, and if there's another doll inside, you do the same thing again, until there's no doll "
        "left to open.\n"
        "User: ok now give me a real code example in python, short."
    ),
    (
        "[System] You are a concise writing assistant for a marketing team.\n"
        "[User] Rewrite this slogan in five different tones (playful, luxury, eco, technical, "
        'nostalgic): "Fresh coffee, delivered every morning."'
    ),
    (
        "Please edit the following paragraph for grammar and clarity, and list the changes you made:\n"
        '\n"Me and my team has been working on this project since three months and we believes the '
        'results is very promising, however there is still some problems with the data."'
    ),
    "Write a children's bedtime story (about 300 words) about a small cloud that is afraid of thunder.",
    (
        "Give me a 4-day itinerary for a first trip to Lisbon in November, on a mid-range budget, for "
        "someone who loves food and hates crowds."
    ),
    (
        "Create a weekly meal plan for a vegetarian family of four on a tight budget. Use bullet "
        "points, one line per day."
    ),
    "Write a product description for a reusable silicone food bag, aimed at young parents. 80-100 words.",
    (
        "Draft a polite but firm message to a client who is 45 days late paying an invoice of 2,300. "
        "It's the second reminder."
    ),
    (
        'On an island, knights always tell the truth and knaves always lie. Ada says: "Bo and I are '
        'both knaves." What are Ada and Bo? Show your reasoning.'
    ),
    (
        'Write a regular expression that matches UK postcodes like "SW1A 1AA" and "M1 1AE", and '
        "explain each part."
    ),
    (
        "Given this CSV header and two rows, write pandas code that returns the average order value "
        "per country, sorted from highest to lowest.\n\n"
        "order_id,country,amount\n"
        "1,FR,42.50\n"
        "2,DE,17.00"
    ),
    (
        "Extract the name, job title, company and email from this signature and return JSON only:\n\n"
        "Best regards,\n"
        "Dr. Helena Sobczak\n"
        "Senior Research Engineer | Windfall Energy GmbH\n"
        "h.sobczak@windfall-energy.example | +49 30 1234567"
    ),
    (
        "Explain the greenhouse effect and how it differs from the hole in the ozone layer. People mix "
        "them up all the time."
    ),
    (
        "Did the Black Death ultimately make life better or worse for the European peasants who "
        "survived it? Argue one position in about 250 words."
    ),
    "Write a sonnet (14 lines, ABAB CDCD EFEF GG) about a city at 4 a.m.",
    (
        "I'm a manager and one of my best employees has started arriving late and seems distracted. "
        "How should I start that conversation? Give me a script for the first two minutes."
    ),
]

# ------------------------------------------------------------------------------ ood

OOD: list[str] = [
    (
        "2024-06-11T03:14:07.221Z INFO  [scheduler] job=nightly-export id=8812 state=RUNNING\n"
        "2024-06-11T03:14:09.580Z WARN  [db.pool] connection wait exceeded 1500ms (active=20 idle=0 "
        "waiting=7)\n"
        "2024-06-11T03:14:12.003Z INFO  [export] wrote 120000 rows to "
        "s3://exports/2024-06-11/part-0003.csv.gz\n"
        "2024-06-11T03:14:15.447Z ERROR [export] upload failed: RequestTimeout (attempt 2/5)\n"
        "2024-06-11T03:14:21.912Z INFO  [export] retry ok part-0003"
    ),
    (
        "panic: runtime error: index out of range [5] with length 5\n\n"
        "goroutine 1 [running]:\n"
        "main.parseRow({0xc0000b4000, 0x2f})\n"
        "\t/home/ci/src/importer/parse.go:44 +0x1d8\n"
        "main.main()\n"
        "\t/home/ci/src/importer/main.go:17 +0x85\n"
        "exit status 2"
    ),
    (
        "0000a0  3a 91 c4 07 e2 5b 10 ff  6d 02 9e 41 b7 33 c0 58  |:....[..m..A.3.X|\n"
        "0000b0  14 f6 8a 2d 00 71 e9 5c  c3 0b 47 d8 a6 19 72 be  |...-.q.\\..G...r.|\n"
        "0000c0  90 3f 5e 21 bb 04 cd 6e  f1 28 97 0a 53 e4 1c 87  |.?^!...n.(..S...|"
    ),
    (
        "U2VydmVyIHN0YXR1cyByZXBvcnQKdXB0aW1lOiAzMmQgMTRoCmxvYWQ6IDAuNDIgMC4zOCAwLjQwCmRpc2s6IDcxJSB1c2"
        "Vk\n"
        "ZW0gMjNHQiBmcmVlCnN3YXA6IDBCIHVzZWQKbGFzdCByZWJvb3Q6IDIwMjQtMDUtMDkK"
    ),
    (
        "[database]\n"
        "engine = sqlite\n"
        "path = /var/lib/notes/notes.db\n"
        "pool = 3\n\n"
        "[tls]\n"
        "cert = /etc/ssl/private/site.crt\n"
        "key = /etc/ssl/private/site.key\n\n"
        "[logging]\n"
        "level = warn\n"
        "rotate_mb = 50"
    ),
    (
        "sku,name,qty,unit_price,warehouse\n"
        "A-1102,Steel hinge 60mm,400,0.85,LDS\n"
        "A-1103,Steel hinge 80mm,260,1.10,LDS\n"
        "B-2040,Cabinet handle brushed,95,3.40,BHM\n"
        "B-2041,Cabinet handle matte black,0,3.40,BHM\n"
        "C-0007,Wood screw 4x40 (box 200),38,6.90,LDS"
    ),
    (
        '{"event":"checkout","user_id":58213,"cart":[{"sku":"TSH-M-BLU","qty":2,"price"'
        ':19.0},{"sku":"CAP-OS-RED","qty":1,"price":12.5}],"currency":"EUR","ts":17180904'
        '12,"coupon":null}'
    ),
    "asdfjkl; asdfjkl; qwerty uiop qwerty uiop zxcv zxcvbnm,./ asdf asdf jjjj kkkk",
    "17 4 92 55 3 61 88 20 14 76 39 2 95 47 68 11 50 83 26 9",
    (
        '<div class="card product" data-id="4471">\n'
        '  <img src="/img/p/4471-thumb.webp" alt="" loading="lazy">\n'
        '  <span class="price">&euro;24,90</span>\n'
        '  <button class="btn add-to-cart" disabled>Sold out</button>\n'
        "</div>"
    ),
    (
        "var "
        'a=document.querySelectorAll(".tab");a.forEach(function(b,c){b.addEventListener("click",fun'
        'ction(){a.forEach(function(d){d.classList.remove("on")}),b.classList.add("on"),window.__ta'
        "b=c})});"
    ),
    (
        "diff --git a/src/cache.py b/src/cache.py\n"
        "index 3f2a9c1..b71e004 100644\n"
        "--- a/src/cache.py\n"
        "+++ b/src/cache.py\n"
        "@@ -12,7 +12,7 @@ class Cache:\n"
        "     def __init__(self, size=128):\n"
        "-        self.size = size\n"
        "+        self.size = max(1, size)\n"
        "         self._data = OrderedDict()"
    ),
    "ÿØÿà JFIF  H H  ÿÛ C \t\n$.' \",#(7),01444'9=82<.342ÿÛ C",
    (
        "Traceback (most recent call last):\n"
        '  File "/opt/collector/worker.py", line 211, in handle\n'
        "    payload = json.loads(msg.body)\n"
        '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads\n'
        "    return _default_decoder.decode(s)\n"
        "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
    ),
    (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "  <title>Release feed</title>\n"
        "  <updated>2024-04-02T08:00:00Z</updated>\n"
        "  <entry><title>v2.8.1</title><id>urn:rel:281</id></entry>\n"
        "  <entry><title>v2.8.0</title><id>urn:rel:280</id></entry>\n"
        "</feed>"
    ),
    (
        '192.168.4.17 - - [12/Jun/2024:10:02:44 +0000] "GET /api/v1/items?page=3 HTTP/1.1" 200 5121 '
        '"-" "okhttp/4.12.0"\n'
        '192.168.4.17 - - [12/Jun/2024:10:02:45 +0000] "GET /favicon.ico HTTP/1.1" 404 153 "-" '
        '"okhttp/4.12.0"\n'
        '10.0.0.5 - - [12/Jun/2024:10:02:47 +0000] "POST /login HTTP/1.1" 302 0 '
        '"https://shop.example/" "Mozilla/5.0"'
    ),
    (
        'version: "3.9"\n'
        "services:\n"
        "  db:\n"
        "    image: postgres:16\n"
        "    environment:\n"
        "      POSTGRES_PASSWORD: changeme\n"
        "    volumes:\n"
        "      - pgdata:/var/lib/postgresql/data\n"
        "  web:\n"
        "    build: .\n"
        '    ports: ["8000:8000"]\n'
        "    depends_on: [db]\n"
        "volumes:\n"
        "  pgdata:"
    ),
    (
        "0x7ffd4a2c  48 8b 45 f8 48 89 c7 e8  b2 fe ff ff 89 45 f4 83\n"
        "0x7ffd4a3c  7d f4 00 79 0a b8 ff ff  ff ff e9 9c 00 00 00 48"
    ),
    "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh",
    ";;;;;;;;; ----- ====== ///// ..... ,,,,,, ~~~~",
    (
        "id\ttimestamp\tsensor\tvalue\tunit\n"
        "1\t1718000000\tt_room\t21.4\tC\n"
        "2\t1718000060\tt_room\t21.5\tC\n"
        "3\t1718000060\trh_room\t44\t%\n"
        "4\t1718000120\tt_room\t21.5\tC"
    ),
    (
        "-----BEGIN PUBLIC KEY-----\n"
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n"
        "4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n"
        "-----END PUBLIC KEY-----"
    ),
    (
        "$ ls -la\n"
        "total 48\n"
        "drwxr-xr-x  5 kim staff   160 Jun 11 09:12 .\n"
        "drwxr-xr-x 31 kim staff   992 Jun  3 17:40 ..\n"
        "-rw-r--r--  1 kim staff  6148 Jun 10 22:01 .DS_Store\n"
        "-rw-r--r--  1 kim staff  1204 Jun 11 09:12 notes.md\n"
        "drwxr-xr-x  8 kim staff   256 Jun  9 14:30 src"
    ),
    "3.14159 2.71828 1.41421 1.73205 0.57721 1.61803 2.30258 0.69314",
    "r2q1rk1/pb1nbppp/1p2pn2/2pp4/3P4/1P1BPN2/PBPN1PPP/R2Q1RK1 w - - 2 10",
    (
        "[2024-06-12 08:00:01] kernel: usb 2-1: new high-speed USB device number 7 using xhci_hcd\n"
        "[2024-06-12 08:00:01] kernel: usb 2-1: New USB device found, idVendor=0781, idProduct=5583\n"
        "[2024-06-12 08:00:02] kernel: sd 6:0:0:0: [sdb] 61341696 512-byte logical blocks: (31.4 "
        "GB/29.3 GiB)"
    ),
    "M 10 80 C 40 10, 65 10, 95 80 S 150 150, 180 80 Z",
    "████▓▓▓▒▒▒░░░   ░░░▒▒▒▓▓▓████",
    (
        "CREATE TABLE visits (id SERIAL PRIMARY KEY, patient_id INT NOT NULL, seen_at TIMESTAMPTZ "
        "DEFAULT now(), notes TEXT);\n"
        "INSERT INTO visits (patient_id, notes) VALUES (42, 'follow-up'), (57, NULL);"
    ),
    (
        ":020000040800F2\n"
        ":10000000002000200D01000815010008170100087E\n"
        ":100010001B0100081F01000823010008000000009C\n"
        ":00000001FF"
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


def holdout_rows() -> list[dict[str, str]]:
    """The labelled rows (:func:`bench.task_eval.hand_written.labelled_rows` of :data:`GROUPS`)."""
    return labelled_rows(GROUPS)


def write_holdout(out: Path = HOLDOUT_OUT) -> list[dict[str, str]]:
    """Write the rows to ``out`` (default: the shipped set), one JSON object a line; return them."""
    return write_rows(holdout_rows(), out)
