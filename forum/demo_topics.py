# ruff: noqa: E501  (prose: the sentences read better unbroken)
"""Demo forum topics, written for this site. People and places are fictional.

Each topic: (category slug, title, asker, question, [(replier, reply), ...], solved reply index).
People are keys of ``demo.PEOPLE`` or the demo roles (holder, carer, buddy, pa, moderator).
"""

TOPICS = [
    # --- Getting started ---------------------------------------------------------------------
    (
        "getting-started",
        "What actually is a direct payment?",
        "aisha",
        "My social worker said I can have a direct payment instead of the council arranging my "
        "care. I nodded but I didn't really understand. Is it my money? What can I spend it on?",
        [
            (
                "buddy",
                "It is money from the council, paid into a separate bank account, so you can "
                "arrange your own support instead of them doing it. You spend it on the things in your "
                "support plan. You keep receipts and send a statement every few months. It sounds scary "
                "but after the first month it becomes routine.",
            ),
            (
                "ravi",
                "One tip: ask for the support plan in writing before you start. That is what "
                "you check your spending against.",
            ),
        ],
        0,
    ),
    (
        "getting-started",
        "Managed account or direct payment? Can't decide",
        "holder",
        "I'm not well enough some weeks to do paperwork. Someone said a managed account means a "
        "company does the money side. Does that mean I lose control?",
        [
            (
                "claire",
                "I used a managed account for two years. They paid my PAs and did the payroll, "
                "and I still chose who worked for me and when. You lose a bit of speed, because you ask "
                "them to pay things, but you keep the choices.",
            ),
            (
                "buddy",
                "You can also start with a managed account and switch to a direct payment later "
                "when you feel stronger. Nothing is forever.",
            ),
        ],
        0,
    ),
    (
        "getting-started",
        "Feeling overwhelmed by all the forms",
        "dee",
        "Just been told I'm eligible. There are so many letters and forms. I don't know where to "
        "start and I have anxiety. Is it normal to feel like this?",
        [
            (
                "buddy",
                "Completely normal. Almost everyone here felt the same at the start. Do one "
                "thing a day. Start with opening the bank account, nothing else that day.",
            ),
            (
                "moderator",
                "You can also ring our helpers on the number at the bottom of the page. "
                "They can go through the letters with you on the phone.",
            ),
        ],
        None,
    ),
    (
        "getting-started",
        "What does a support plan look like?",
        "marcus",
        "Can someone share roughly what goes in a support plan? Mine is being written next week "
        "and I want to be ready.",
        [
            (
                "ellen",
                "Mine says what I want to get out of life, what help I need to do it, who gives "
                "the help, and how much it costs. Think about your good days and bad days before the "
                "meeting, and write down what help you need on each.",
            )
        ],
        0,
    ),
    (
        "getting-started",
        "Do I have to pay anything towards it?",
        "frank",
        "Letter says I have a 'contribution'. Does that mean I pay some of my own care?",
        [
            (
                "claire",
                "Yes, the council does a financial assessment and you may pay part of the cost "
                "each month into the account. Ask for the calculation in writing and check they counted "
                "your disability costs. Mine went down after I asked.",
            )
        ],
        None,
    ),
    (
        "getting-started",
        "Can I pay a friend to help me?",
        "aisha",
        "My friend already helps me shop. Could my budget pay her?",
        [
            (
                "ravi",
                "Often yes, as long as it is in your support plan. Paying a close relative who "
                "lives with you usually needs the council's agreement first, so ask before you start.",
            )
        ],
        None,
    ),
    (
        "getting-started",
        "Hello from a new member in Banbury",
        "bernie",
        "Just joined. Got my budget last month after my stroke. Hoping to learn from you all.",
        [],
        None,
    ),
    # --- Assessments and reviews -------------------------------------------------------------
    (
        "assessments-and-reviews",
        "My review is next month and I'm scared of a cut",
        "dee",
        "Last year I saved a bit because I was in hospital for three weeks. Now I'm worried they "
        "will say I don't need as much. Has this happened to anyone?",
        [
            (
                "buddy",
                "Write down why there was money left: you were in hospital, so your PA did not "
                "work. That is not the same as needing less. Take a diary of a normal week to the review.",
            ),
            (
                "claire",
                "Ask for someone you trust to be in the review with you. It helped me a lot.",
            ),
            ("dee", "Thank you both. I've started the diary."),
        ],
        0,
    ),
    (
        "assessments-and-reviews",
        "How long should an assessment take?",
        "frank",
        "I was assessed in March and still haven't heard. Is that normal?",
        [
            (
                "moderator",
                "It varies a lot, but months with no word is too long. Ring the team and ask "
                "for the name of the person dealing with it and a date. Write down who you spoke to.",
            )
        ],
        0,
    ),
    (
        "assessments-and-reviews",
        "Can I take someone with me to my assessment?",
        "marcus",
        "I get flustered and forget things. Am I allowed to bring my sister?",
        [
            (
                "buddy",
                "Yes. You can bring a family member, a friend or an advocate. Tell the assessor "
                "in advance so they book enough time.",
            )
        ],
        0,
    ),
    (
        "assessments-and-reviews",
        "They want to reduce my hours. What can I do?",
        "ellen",
        "After my review they've said my hours drop from 20 to 14 a week. Nothing has changed.",
        [
            (
                "claire",
                "Ask for the decision and the reasons in writing. You can ask for it to be "
                "looked at again, and then complain formally if you need to.",
            ),
            (
                "ravi",
                "A local advocacy service helped me challenge mine. It took two months but my "
                "hours were put back.",
            ),
        ],
        None,
    ),
    (
        "assessments-and-reviews",
        "Reviewed by phone: is that allowed?",
        "bernie",
        "They want to do my review by phone. I'd rather they came round.",
        [],
        None,
    ),
    (
        "assessments-and-reviews",
        "What should I bring to a review?",
        "aisha",
        "First review coming up. What do people bring?",
        [
            (
                "buddy",
                "Bank statements, your spending records, your support plan, and a list of what "
                "went well and what didn't. Also anything that has changed with your health.",
            )
        ],
        0,
    ),
    # --- Employing PAs ------------------------------------------------------------------------
    (
        "employing-pas",
        "How do I find a PA who can start quickly?",
        "holder",
        "My PA is leaving in two weeks and I need someone for mornings. Where do people look?",
        [
            (
                "pa",
                "I'm a PA. Many of us look at the register on this site and local Facebook groups. "
                "Be clear about hours and pay in your advert, and say if you can be flexible.",
            ),
            (
                "ravi",
                "Ask your current PA if they know anyone. Half my PAs came from word of mouth.",
            ),
            (
                "buddy",
                "Post a 'PA wanted' advert here and also ask the council if they have a "
                "short-notice list while you recruit.",
            ),
        ],
        2,
    ),
    (
        "employing-pas",
        "Do I need employer's liability insurance?",
        "marcus",
        "If I employ a PA myself, do I need insurance?",
        [
            (
                "claire",
                "Yes, if you employ someone you need employers' liability insurance. There are "
                "specialist policies for people who employ PAs, and the cost can usually come from your "
                "budget.",
            )
        ],
        0,
    ),
    (
        "employing-pas",
        "Paying PAs for holidays",
        "ellen",
        "My PA wants paid holiday. How do I work out how much?",
        [
            (
                "claire",
                "PAs get paid holiday like any employee. A payroll service can work it out for "
                "you. Mine costs a few pounds a month and it comes from the budget.",
            )
        ],
        0,
    ),
    (
        "employing-pas",
        "What if my PA is off sick and I have no cover?",
        "frank",
        "My only PA is off sick and I have nobody tomorrow. What do people do?",
        [
            (
                "buddy",
                "Ring the council's duty team today and explain. Longer term, try to have a "
                "second PA who does a few hours, so someone knows your routine.",
            ),
            (
                "pa",
                "Some PAs on the register do emergency cover. Look for 'short notice' in profiles.",
            ),
        ],
        None,
    ),
    (
        "employing-pas",
        "Self-employed PA or employed? What's the difference?",
        "aisha",
        "A PA said she is self-employed so I don't need to do payroll. Is that right?",
        [
            (
                "claire",
                "It depends on how she works, not just what she says. If you set her hours and "
                "tell her how to do the work, she may count as your employee. Check with HMRC's "
                "employment status tool or a payroll service before you agree.",
            )
        ],
        0,
    ),
    (
        "employing-pas",
        "Interview questions for a PA",
        "dee",
        "First time interviewing anyone. What should I ask?",
        [
            (
                "ravi",
                "I ask what they would do in a few real situations from my week, like if I'm in "
                "pain in the morning and don't want to get up. Their answer tells you a lot.",
            ),
            (
                "pa",
                "Tell them honestly what the job is. PAs leave when the job isn't what they were "
                "told.",
            ),
        ],
        None,
    ),
    (
        "employing-pas",
        "DBS checks: do I have to?",
        "bernie",
        "Does my PA need a DBS check?",
        [],
        None,
    ),
    (
        "employing-pas",
        "Keeping a good PA: what works?",
        "claire",
        "I've kept the same PA for six years. Sharing what I think helped, and keen to hear yours.",
        [
            ("ravi", "Paying on time, every time. And saying thank you."),
            ("pa", "As a PA: being treated as a person, and being told in advance about changes."),
        ],
        None,
    ),
    # --- Health budgets -----------------------------------------------------------------------
    (
        "health-budgets",
        "Personal health budget for continuing healthcare",
        "ellen",
        "I've been told I qualify for NHS continuing healthcare and can have a personal health "
        "budget. How is it different from my council budget?",
        [
            (
                "buddy",
                "It comes from the NHS rather than the council, and it is agreed in a care plan "
                "with your health team. The money side is similar: you can have it paid to you, held by "
                "someone else, or managed by the NHS.",
            )
        ],
        0,
    ),
    (
        "health-budgets",
        "Can a health budget pay for therapies?",
        "dee",
        "Could my health budget pay for something like hydrotherapy if it helps my pain?",
        [
            (
                "ellen",
                "Mine pays for a weekly swim session with a PA because it is in my care plan as "
                "helping with pain. You need to show how it meets a health goal.",
            )
        ],
        0,
    ),
    (
        "health-budgets",
        "Mental health and personal health budgets",
        "marcus",
        "Does anyone have a health budget for mental health support? How did you get one?",
        [
            (
                "ravi",
                "I got one through my community mental health team after a long hospital stay. "
                "It pays for a support worker and a gym membership. Ask your care coordinator.",
            )
        ],
        None,
    ),
    (
        "health-budgets",
        "Who do I ask about a health budget?",
        "frank",
        "My GP didn't know. Who should I ask?",
        [],
        None,
    ),
    # --- Carers -------------------------------------------------------------------------------
    (
        "carers",
        "Managing Mum's budget is wearing me out",
        "carer",
        "I do Mum's direct payment paperwork on top of working. Some months I'm up till midnight "
        "with receipts. Is there an easier way?",
        [
            (
                "claire",
                "A managed account could take the payroll and payments off you. You'd still "
                "make the decisions with your mum.",
            ),
            (
                "buddy",
                "Also ask for a carer's assessment for yourself. You might get support in your "
                "own right.",
            ),
            ("carer", "I didn't know I could have my own assessment. Booking it now."),
        ],
        1,
    ),
    (
        "carers",
        "Carer's assessment: worth it?",
        "bernie",
        "My wife looks after me. Is a carer's assessment for her worth doing?",
        [("carer", "Yes. Mine led to a small budget for breaks, and a named person to call.")],
        0,
    ),
    (
        "carers",
        "Can I be paid to care for my son?",
        "aisha",
        "My adult son lives with me. Can his budget pay me?",
        [
            (
                "moderator",
                "Usually a budget cannot pay a relative who lives in the same home, unless "
                "the council agrees it is necessary. Ask the social worker to explain the rules for your "
                "situation and to put the answer in writing.",
            )
        ],
        0,
    ),
    (
        "carers",
        "Time for myself without feeling guilty",
        "carer",
        "How do other carers take a break without feeling they've let someone down?",
        [
            (
                "ellen",
                "I had to learn that a rested carer is a better carer. Start with two hours.",
            ),
            ("dee", "Same here. A sitter for one afternoon a week changed a lot for me."),
        ],
        None,
    ),
    (
        "carers",
        "What happens to Dad's budget if I get ill?",
        "carer",
        "I manage Dad's budget. If I end up in hospital, who takes over?",
        [],
        None,
    ),
    # --- Buying together ----------------------------------------------------------------------
    (
        "buying-together",
        "Sharing a PA with a neighbour",
        "ravi",
        "My neighbour also has a budget. Could we share one PA for trips out?",
        [
            (
                "claire",
                "People do. Agree in writing who pays what and what happens if one of you "
                "cancels. The pooling board on this site helps with the sums.",
            ),
            ("buddy", "Tell both of your social workers, so it is in both plans."),
        ],
        0,
    ),
    (
        "buying-together",
        "Will the council cut my budget if we pool and save money?",
        "dee",
        "If three of us pay for one art class and it costs less, will they take the savings?",
        [
            (
                "ravi",
                "This worried us too. We wrote down how the class meets each of our outcomes and "
                "asked our reviewers in advance. Nobody's budget was cut.",
            ),
            ("moderator", "Keep a record of what you agreed and why. It helps at reviews."),
        ],
        0,
    ),
    (
        "buying-together",
        "Group trip to the seaside",
        "marcus",
        "A few of us want a minibus day trip in the summer. Anyone done something like this?",
        [
            (
                "ellen",
                "We did one last year. Book the minibus and a PA each early, and share the "
                "driver's cost.",
            )
        ],
        None,
    ),
    (
        "buying-together",
        "Setting up a weekly cookery class for four of us",
        "bernie",
        "Found a local cook who'd teach four of us. How do we pay her from four budgets?",
        [],
        None,
    ),
    # --- Off topic ----------------------------------------------------------------------------
    (
        "off-topic",
        "What's helping you this week?",
        "ellen",
        "Small things count. Mine: a new audiobook and the sun coming out.",
        [("dee", "A good night's sleep for once!"), ("ravi", "My PA's terrible jokes.")],
        None,
    ),
    (
        "off-topic",
        "Accessible cafés in Oxford",
        "ravi",
        "Looking for cafés with step-free access and a proper accessible toilet. Recommendations?",
        [
            (
                "claire",
                "There are a few near the covered market with step-free entry. Ring first to "
                "check the toilet though.",
            )
        ],
        None,
    ),
    (
        "off-topic",
        "Wheelchair-friendly walks",
        "marcus",
        "Any good flat walks near Abingdon?",
        [("ellen", "The riverside path by the abbey gardens is flat and wide.")],
        None,
    ),
    (
        "off-topic",
        "Favourite apps for remembering appointments",
        "aisha",
        "I keep forgetting things. What do people use?",
        [],
        None,
    ),
    (
        "getting-started",
        "Opening the separate bank account",
        "marcus",
        "The bank asked why I needed a second account and I didn't know what to say.",
        [
            (
                "buddy",
                "Say it is for a direct payment from the council. Some banks have a basic "
                "account that works well. Bring the council's letter with you.",
            )
        ],
        0,
    ),
    (
        "employing-pas",
        "Writing a PA job advert",
        "aisha",
        "What should I put in my advert?",
        [
            (
                "pa",
                "Hours, pay, the area, what the help involves, and what kind of person you get on "
                "with. Leave out your address until you've met.",
            )
        ],
        0,
    ),
    (
        "assessments-and-reviews",
        "What is an advocate and how do I get one?",
        "dee",
        "Someone said I should have an advocate. What is that?",
        [
            (
                "moderator",
                "An advocate is someone independent who helps you say what you want and "
                "makes sure you are listened to. Ask the council, or search the directory on this site.",
            )
        ],
        0,
    ),
    (
        "health-budgets",
        "Equipment through a health budget",
        "bernie",
        "Can a health budget buy equipment, like a special chair?",
        [],
        None,
    ),
    (
        "carers",
        "Young carer in the family",
        "ellen",
        "My daughter is 15 and helps me a lot. Is there support for her?",
        [
            (
                "carer",
                "Young carers have a right to an assessment too. Local young carers' groups are "
                "great for them to meet others.",
            )
        ],
        None,
    ),
    (
        "buying-together",
        "Sharing the cost of a gardener",
        "claire",
        "Two of us in the same street both need help with gardens. Worth pooling?",
        [("ravi", "Check it's in both support plans first, then split by hours.")],
        None,
    ),
]
