"""Words for the demo site's home page, index pages and the plain pages in the footer.

Written for a reading age of about 9: short sentences, everyday words, "you" and "we".
"""

HOME_INTRO = (
    "<p>Budget Circle is for anyone in England with a personal budget or a personal health "
    "budget, and for the people who help them. Learn how it works, find a personal assistant, "
    "talk to people who have done it, and buy things together.</p>"
)

GUIDES_INTRO = (
    "<p>Short guides in plain words, from asking for a budget to your yearly review. "
    "People who hold a budget helped us write them. Each one says when we last checked it.</p>"
)

GLOSSARY_INTRO = (
    "<p>Words you will meet when you get a personal budget, and what they mean. "
    "In our guides, these words link here the first time they come up.</p>"
)


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def notice(text: str, title: str = "", kind: str = "info") -> dict:
    return {"type": "notice", "value": {"title": title, "text": text, "kind": kind}}


ABOUT = [
    paragraph(
        "<p>Budget Circle is a website for people in England who get money from the council or "
        "the NHS to pay for their care and support. That money is called a personal budget, or "
        "a personal health budget.</p>"
        "<p>Many people tell us the same thing. Getting a budget is hard. The words are new. "
        "The forms are long. Finding a good personal assistant (PA) takes a long time. And it "
        "can feel lonely.</p>"
        "<h2>What we do</h2>"
        "<ul><li>We write short, plain guides to each step.</li>"
        "<li>We keep a list of PAs, so you can find one near you.</li>"
        "<li>We run a forum, where people who hold a budget help each other.</li>"
        "<li>We help people join together to buy things, like a class or a day out.</li>"
        "<li>We list small local services that take personal budgets.</li></ul>"
        "<h2>Who we are</h2>"
        "<p>Budget Circle is run by people who hold a personal budget, and by family carers. "
        "We are not the council and we are not the NHS. We do not decide who gets a budget or "
        "how much it is. We can help you ask the right questions.</p>"
        "<p>Our ideas come from what holders, carers, PAs and small local groups have told "
        "councils and researchers over many years. We read their reports and wrote down what "
        "helped them.</p>"
    ),
    notice(
        "We never ask for your bank details, and we never ask you to pay us.",
        title="Good to know",
    ),
]

CONTACT = [
    paragraph(
        "<p>You can talk to a real person. Our helpers know how personal budgets work, and "
        "many of them have one.</p>"
        "<p>Calls cost the same as a normal landline call. If you would like us to call you "
        "back, leave a message with your first name and number. We reply to emails within two "
        "working days.</p>"
    ),
    # The number, email address and hours come from Settings → Helpline.
    {"type": "helpline", "value": None},
    paragraph(
        "<h2>Meet in person</h2>"
        "<p>We can meet you at a library, a café or your home. Tell us what works for you. You "
        "can bring someone with you.</p>"
        "<h2>Other ways to talk</h2>"
        "<ul><li>We can send you guides on paper, in large print or in Easy Read.</li>"
        "<li>If English is not your first language, tell us which language you speak. We will "
        "find an interpreter.</li></ul>"
        "<h2>Ask other holders</h2>"
        '<p>You can also ask a question in the <a href="/forum/">forum</a>. People who hold a '
        'budget answer. You can ask for a <a href="/forum/buddies/">peer buddy</a>: someone '
        "who has done it and can help you one to one.</p>"
    ),
    notice(
        "If someone is in danger right now, call 999. For urgent mental health help, call NHS "
        "111 and choose option 2. Samaritans are there any time on 116 123.",
        title="If you need help now",
        kind="warning",
    ),
]

ACCESSIBILITY = [
    paragraph(
        "<p>We want everyone to be able to use Budget Circle. This page says how well the "
        "website works for disabled people, what does not work yet, and how to tell us about a "
        "problem.</p>"
        "<h2>What you should be able to do</h2>"
        "<ul><li>Use the whole site with a keyboard only.</li>"
        "<li>Use a screen reader, such as NVDA, JAWS or VoiceOver.</li>"
        "<li>Make the text up to twice as big without losing anything.</li>"
        "<li>Use the site without JavaScript. Every form still works.</li>"
        "<li>Print any page on A4 paper. Links show their address.</li>"
        "<li>Read guides written for a reading age of about 9.</li></ul>"
        "<h2>How we check</h2>"
        "<p>We aim to meet the Web Content Accessibility Guidelines, version 2.2, level AA. We "
        "test every kind of page with an automatic checker called axe each time we change the "
        "site. We also test by hand with a keyboard and a screen reader.</p>"
        "<h2>What does not work yet</h2>"
        "<ul><li>Some older documents you can download are not fully accessible. Ask us and we "
        "will send them in a form you can use.</li>"
        "<li>The editing screens our staff use are not covered by this statement.</li></ul>"
        "<h2>Tell us about a problem</h2>"
        '<p>If something does not work for you, please <a href="/contact/">contact us</a>. '
        "Tell us the page and what went wrong. We will reply within five working days.</p>"
        "<h2>If you are not happy with our reply</h2>"
        "<p>The Equality and Human Rights Commission (EHRC) makes sure organisations follow the "
        "rules on accessibility. If you are not happy with how we respond, you can contact the "
        "Equality Advisory and Support Service (EASS).</p>"
    ),
]

PRIVACY = [
    paragraph(
        "<p>This notice says what we keep about you, why, and what you can do about it. We "
        "keep as little as we can.</p>"
        "<h2>What we keep</h2>"
        "<ul><li>If you join: your email address, the name you choose to show, and your "
        "settings.</li>"
        "<li>What you write in the forum, in messages and in adverts.</li>"
        "<li>If you are a PA or a provider: the details you put on your profile.</li>"
        "<li>If you answer “Was this guide helpful?”: only your answer and your comment. We do "
        "not keep your name or your internet address with it.</li></ul>"
        "<h2>What we never do</h2>"
        "<ul><li>We never sell your data.</li>"
        "<li>We never show your email address, phone number or home address to other people. "
        "You decide if and when to share them.</li>"
        "<li>We never ask for bank details.</li></ul>"
        "<h2>Why we keep it</h2>"
        "<p>We keep your details so the site can work for you: so you can sign in, talk to "
        "people and get messages. The law calls this our “legitimate interest”, and for some "
        "things, your consent.</p>"
        "<h2>Your rights</h2>"
        "<ul><li>You can download everything we hold about you from your settings.</li>"
        "<li>You can delete your account at any time. We then delete your details.</li>"
        "<li>You can ask us to correct anything that is wrong.</li></ul>"
        "<h2>Cookies</h2>"
        "<p>We use only the cookies the site needs to work, such as the one that keeps you "
        "signed in. We do not use cookies to track you or to show adverts.</p>"
        "<h2>Questions or complaints</h2>"
        '<p>Please <a href="/contact/">contact us</a> first. If you are still unhappy, you can '
        "complain to the Information Commissioner’s Office (ICO).</p>"
    ),
]

CODE_OF_CONDUCT = [
    paragraph(
        "<p>Budget Circle is a place to help each other. These rules keep it kind and safe for "
        "everyone. They apply in the forum, in private messages, in adverts and in groups.</p>"
        "<h2>Please do</h2>"
        "<ul><li>Be kind and patient. Many people here are unwell, tired or worried.</li>"
        "<li>Share what worked for you, and say where rules may be different in other areas.</li>"
        "<li>Keep private things private, yours and other people’s.</li>"
        "<li>Use plain words. Explain any short forms you use.</li>"
        "<li>Report anything that worries you, using the “Report this” link.</li></ul>"
        "<h2>Please do not</h2>"
        "<ul><li>Be rude, unkind or threatening to anyone.</li>"
        "<li>Share someone else’s name, address, health details or messages without asking.</li>"
        "<li>Sell things, or ask people for money or bank details.</li>"
        "<li>Give advice as if you were a lawyer, a doctor or the council. Say it is your own "
        "experience.</li></ul>"
        "<h2>What happens if someone breaks the rules</h2>"
        "<p>Our moderators read every report. They may hide a post, send a warning, or stop "
        "someone using the site. If someone may be in danger, we may contact the right "
        "service.</p>"
        "<h2>Peer buddies</h2>"
        "<p>Peer buddies agree to these rules and a few more: they listen, they do not judge, "
        "they never handle anyone’s money, and they tell us if they are worried about "
        "someone’s safety.</p>"
    ),
    notice(
        "If you feel unsafe, or someone is in danger, call 999. To report something on the "
        "site, use the “Report this” link or contact us.",
        title="Staying safe",
        kind="warning",
    ),
]

STANDARD_PAGES = {
    "about": {
        "title": "About Budget Circle",
        "summary": "Who we are, what the site is for, and who runs it.",
        "body": ABOUT,
    },
    "contact": {
        "title": "Contact a person",
        "summary": "Phone, email or meet one of our helpers. Many of them hold a budget too.",
        "body": CONTACT,
    },
    "accessibility": {
        "title": "Accessibility statement",
        "summary": "How well this website works for disabled people, and how to tell us "
        "about a problem.",
        "body": ACCESSIBILITY,
    },
    "privacy": {
        "title": "Privacy notice",
        "summary": "What we keep about you, why, and what you can do about it.",
        "body": PRIVACY,
    },
    "code-of-conduct": {
        "title": "Code of conduct",
        "summary": "The rules that keep Budget Circle kind and safe.",
        "body": CODE_OF_CONDUCT,
    },
}
