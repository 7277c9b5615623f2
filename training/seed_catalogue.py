"""Seed catalogue of Taocun training courses.

Nine courses: the six workshops of a county e-commerce training centre (modelled on the Xifeng county
centre in Guizhou) for rural youth, a first-shop course and a microloan course for villagers, and a course
for village service station operators. Plain literals only, so the data can be loaded by a migration,
a management command or a test without importing Django.
"""

COURSES: list[dict] = [
    {
        "slug": "product-presentation",
        "title": "Product presentation and photos",
        "summary": (
            "The county training centre's first workshop: how to photograph and describe farm products so that a buyer "
            "a thousand kilometres away can trust what will arrive. Practise with your own pickled cabbage, rice tofu "
            "or peppers and a phone camera."
        ),
        "audience": "rural_youth",
        "level": "beginner",
        "language": "en",
        "lessons": [
            {
                "title": "Light, background and a clean board",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "A buyer in Jiangsu cannot touch, smell or taste your pickled cabbage. The photo is the only thing "
                    "they have, so it must be clear and honest. You do not need an expensive camera: a recent phone, "
                    "daylight and a clean surface are enough.\n"
                    "\n"
                    "**Use daylight, not the ceiling lamp.** Shoot near a window or outdoors in the shade, between "
                    "about 9 am and 4 pm. Direct midday sun makes hard shadows and burns out pale colours; yellow "
                    "indoor bulbs make green peppers look brown. A cloudy day gives soft, even light, which is ideal "
                    "for food.\n"
                    "\n"
                    "**Choose a plain, clean background.** A scrubbed wooden chopping board, a white plate or a sheet "
                    "of white paper works well. Wipe away brine drops, soil and crumbs before every shot. Take the "
                    "plastic basin, the calendar on the wall and the family's shoes out of the frame. The buyer should "
                    "see only the product.\n"
                    "\n"
                    "**Keep the phone steady and the lens clean.** Phones used in kitchens are often greasy: wipe the "
                    "lens with a soft cloth. Hold the phone with both elbows against your body, or lean it on a stack "
                    "of books. Tap the screen on the product so that it is in focus.\n"
                    "\n"
                    "A simple routine for each product:\n"
                    "- main photo: the product alone, filling most of a square frame;\n"
                    "- close-up: the texture, for example the cut surface of rice tofu;\n"
                    "- scale photo: the product on a kitchen scale showing 1.5 kg, so the buyer sees the real "
                    "quantity;\n"
                    "- packed photo: the product in the bag or box the buyer will actually receive.\n"
                    "\n"
                    "Do not use filters that change colours. If the cabbage is pale yellow-green, it must look pale "
                    "yellow-green. Photos that are more beautiful than the product bring complaints and refunds when "
                    "the parcel is opened."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "What is the best light for photographing pickled cabbage?",
                            "explanation": (
                                "Soft daylight shows true colours without hard shadows, while yellow bulbs and midday "
                                "sun distort the product."
                            ),
                            "choices": [
                                {"text": "The yellow ceiling lamp in the kitchen", "correct": False},
                                {"text": "Soft daylight near a window or in the shade", "correct": True},
                                {"text": "Direct midday sun for maximum brightness", "correct": False},
                                {"text": "The phone flash in a dark room", "correct": False},
                            ],
                        },
                        {
                            "text": "Why include a photo of the product on a kitchen scale?",
                            "explanation": (
                                "A scale photo proves the quantity, so the buyer knows exactly how much arrives."
                            ),
                            "choices": [
                                {"text": "It makes the product look larger than it is", "correct": False},
                                {"text": "It replaces the written description", "correct": False},
                                {"text": "Platforms reject listings without one", "correct": False},
                                {"text": "It shows the buyer the real quantity, for example 1.5 kg", "correct": True},
                            ],
                        },
                        {
                            "text": "Should you apply a colour filter to make the product look brighter?",
                            "explanation": (
                                "Photos that look better than the real product lead to complaints and refunds."
                            ),
                            "choices": [
                                {"text": "No, the colours must match what the buyer will receive", "correct": True},
                                {"text": "Yes, buyers expect beautiful pictures", "correct": False},
                                {"text": "Yes, but only on the main photo", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "The main image and the photo set",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Platforms show your main image small, in a grid of dozens of competing products, on a phone "
                    "screen. The buyer decides in about a second whether to tap. Your main image must say what the "
                    "product is, and why it is good, at a glance.\n"
                    "\n"
                    "Rules for the main image:\n"
                    "- square format (1:1), at least 800 x 800 pixels, so the platform can zoom;\n"
                    "- the product fills about two thirds of the frame, centred and in focus;\n"
                    "- a light, plain background; many categories ask for a white background on the first image, so "
                    "check the rules in your seller centre;\n"
                    "- no large text, no phone number and no watermark over the product; platforms may demote images "
                    "that break their rules.\n"
                    "\n"
                    "Then build a set of five to eight photos that answers the buyer's questions in order: What is it? "
                    "How much do I get? What does it look like inside? How is it packed? Where does it come from?\n"
                    "\n"
                    "For example, for 1.5 kg of rice tofu from Xifeng county:\n"
                    "1. the rice tofu cut in cubes on a white plate;\n"
                    "2. the whole block on a scale showing 1.5 kg;\n"
                    "3. a close-up of the smooth cut surface;\n"
                    "4. a bowl of cooked rice tofu with chilli sauce, to show how it is eaten;\n"
                    "5. the vacuum bag and the insulated box with an ice pack;\n"
                    "6. the maker's hands at work in the village workshop.\n"
                    "\n"
                    "Take many shots and keep only the best. Delete any photo that is blurred, tilted or too dark. "
                    "Name the files clearly (ricetofu_main.jpg, ricetofu_scale.jpg) so you can find them again for the "
                    "next listing.\n"
                    "\n"
                    "Use the same style for every product in your shop: the same board, the same light, the same "
                    "angle. A consistent shop looks professional and trustworthy, even when it is run from a farmhouse."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "What format is recommended for the main image?",
                            "explanation": (
                                "A square image of at least 800 x 800 pixels displays well in the grid and can be "
                                "zoomed."
                            ),
                            "choices": [
                                {"text": "Tall portrait with the price written over it", "correct": False},
                                {"text": "Any size, as long as a phone number is shown", "correct": False},
                                {"text": "Square, at least 800 x 800 pixels", "correct": True},
                                {"text": "A wide landscape photo of the whole village", "correct": False},
                            ],
                        },
                        {
                            "text": "Which photo best answers the buyer's question 'how is it packed?'",
                            "explanation": (
                                "Showing the vacuum bag and the insulated box tells the buyer how the product travels."
                            ),
                            "choices": [
                                {"text": "A close-up of the cut surface", "correct": False},
                                {"text": "A bowl of cooked rice tofu", "correct": False},
                                {"text": "The vacuum bag and the insulated box with an ice pack", "correct": True},
                                {"text": "The rice tofu in cubes on a white plate", "correct": False},
                            ],
                        },
                        {
                            "text": "Why keep the same board, light and angle for all your products?",
                            "explanation": (
                                "A consistent style makes a small village shop look professional and trustworthy."
                            ),
                            "choices": [
                                {"text": "A consistent shop looks professional and trustworthy", "correct": True},
                                {"text": "Platforms reject shops with different backgrounds", "correct": False},
                                {"text": "It makes photos load faster", "correct": False},
                                {"text": "It hides differences between products", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Titles and descriptions that match the parcel",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "The photo makes a buyer tap; the title and description make them pay, and decide whether they "
                    "come back. Write them so that the parcel which arrives is exactly what was promised.\n"
                    "\n"
                    "**Title.** Put first the words buyers actually search for: the product, the place, the key "
                    "feature, the quantity. For example: 'Guizhou Xifeng pickled cabbage, farmhouse fermented, 1.5 "
                    "kg'. Avoid words you cannot prove, such as 'best in China' or 'cures illness'. Platforms forbid "
                    "exaggerated and medical claims for food, and buyers report them.\n"
                    "\n"
                    "**Key facts in the description.** List them plainly:\n"
                    "- net weight, and whether brine is included (for example 1.5 kg net, drained);\n"
                    "- ingredients, including salt and chilli;\n"
                    "- how it is made and when it was packed;\n"
                    "- storage and shelf life (keep refrigerated, eat within 30 days of opening);\n"
                    "- how it is shipped and how long delivery usually takes.\n"
                    "\n"
                    "**Tell the truth about variation.** Home-made products differ from batch to batch. If the colour "
                    "changes, say so. If peppers are hand-sorted and sizes differ, say so. A buyer who was warned "
                    "accepts it; a buyer who is surprised asks for a refund and leaves one star.\n"
                    "\n"
                    "**Show how to use it.** Many city buyers do not know how to cook sour soup or rice tofu. Two or "
                    "three lines of advice, such as 'boil with pork ribs for 20 minutes', and a photo of the finished "
                    "dish sell more than adjectives.\n"
                    "\n"
                    "**Check before publishing.** Read the listing on your phone as a buyer would. Does the weight in "
                    "the title match the scale photo and the description? Is the price for one portion or two? Ask a "
                    "friend to read it and tell you what they think they will receive. If they are unsure, rewrite it."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Which title follows the advice of this lesson?",
                            "explanation": (
                                "A good title gives the product, place, feature and quantity, with no claims that "
                                "cannot be proven."
                            ),
                            "choices": [
                                {"text": "Best pickled cabbage in China, cures stomach problems", "correct": False},
                                {"text": "Very good product!! Buy now!!", "correct": False},
                                {"text": "Cabbage", "correct": False},
                                {
                                    "text": "Guizhou Xifeng pickled cabbage, farmhouse fermented, 1.5 kg",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "The peppers in your batch vary in size. What should you do?",
                            "explanation": (
                                "Buyers who are warned about natural variation accept it; surprised buyers ask for "
                                "refunds."
                            ),
                            "choices": [
                                {"text": "Show only the largest peppers and say nothing", "correct": False},
                                {
                                    "text": "Say in the description that sizes differ because they are hand-sorted",
                                    "correct": True,
                                },
                                {"text": "Remove the weight from the listing", "correct": False},
                            ],
                        },
                        {
                            "text": "Why add two or three lines of cooking advice to a listing?",
                            "explanation": (
                                "City buyers often do not know how to cook a village specialty, and simple advice "
                                "helps them buy it."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "City buyers may not know how to use the product, and clear advice helps it "
                                        "sell"
                                    ),
                                    "correct": True,
                                },
                                {"text": "Platforms require a recipe for every food", "correct": False},
                                {"text": "It allows you to leave out the net weight", "correct": False},
                                {"text": "It replaces the storage and shelf-life information", "correct": False},
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "communication-public-relations",
        "title": "Communication and public relations",
        "summary": (
            "How to talk with buyers before and after a sale, handle complaints and bad reviews calmly, and tell your "
            "village's story honestly to journalists, officials and the public."
        ),
        "audience": "rural_youth",
        "level": "beginner",
        "language": "en",
        "lessons": [
            {
                "title": "Answering buyers: fast, polite and exact",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Many online buyers ask a question before they pay: Is it spicy? When will it ship? Can it reach "
                    "Harbin without going bad? A clear answer within a few hours often decides the sale. A buyer who "
                    "waits a whole day has usually bought from someone else.\n"
                    "\n"
                    "**Be reachable.** Turn on the notifications of the seller app. Decide who answers when you are in "
                    "the field or at the market: a sister, a cousin, the station operator. Aim to answer within a few "
                    "hours during the day. At night, let the auto-reply say when you will answer: 'Thank you for your "
                    "message. We are picking peppers today and will reply before 8 pm.'\n"
                    "\n"
                    "**Be polite and exact.** Greet the buyer, answer the actual question, and give numbers instead of "
                    "vague words.\n"
                    "- Not: 'Quite spicy, ships soon.'\n"
                    "- Better: 'Hello! This sour soup is medium spicy; we add one dried chilli per portion. Orders "
                    "paid before 3 pm are shipped the next morning, and parcels usually reach Jiangsu in 3 to 4 "
                    "days.'\n"
                    "\n"
                    "**Never promise what you cannot do.** If the courier collects only on Tuesdays and Fridays, say "
                    "so. If you are not sure the cabbage survives 6 days of summer heat on the way to Hainan, explain "
                    "how you pack it and what risk remains, and let the buyer decide.\n"
                    "\n"
                    "**Keep good answers ready.** Write a short note with your answers to the ten questions buyers ask "
                    "most: weight, taste, ingredients, storage, shipping days, delivery time, refund rules. Copy and "
                    "adapt them, but always read the question first; a copied answer that does not fit annoys buyers.\n"
                    "\n"
                    "**Stay respectful, even when the buyer is rude.** You represent your family and your village. Do "
                    "not argue in the chat: everything written there can be read by the platform if there is a dispute."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "A buyer asks at 10 am whether the sour soup is spicy. What should you aim for?",
                            "explanation": "A clear answer within a few hours often decides the sale.",
                            "choices": [
                                {"text": "An answer tomorrow evening after the market", "correct": False},
                                {"text": "No answer; buyers who care will order anyway", "correct": False},
                                {"text": "A clear answer within a few hours", "correct": True},
                                {"text": "An answer only if the buyer has already paid", "correct": False},
                            ],
                        },
                        {
                            "text": "Which answer to a buyer is the most useful?",
                            "explanation": (
                                "Exact details about spiciness and shipping times let the buyer decide with confidence."
                            ),
                            "choices": [
                                {"text": "Quite spicy, ships soon", "correct": False},
                                {
                                    "text": (
                                        "Medium spicy, one dried chilli per portion; orders paid before 3 pm ship the "
                                        "next morning"
                                    ),
                                    "correct": True,
                                },
                                {"text": "It depends", "correct": False},
                                {"text": "Everyone likes it", "correct": False},
                            ],
                        },
                        {
                            "text": "Why should you avoid arguing with a rude buyer in the chat?",
                            "explanation": (
                                "The chat can be read by the platform in a dispute, and you represent your family and "
                                "village."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "The chat can be read by the platform in a dispute, and you represent your "
                                        "village"
                                    ),
                                    "correct": True,
                                },
                                {"text": "The platform deletes chats after one hour", "correct": False},
                                {"text": "Rude buyers cannot leave reviews", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Complaints, refunds and bad reviews",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Even careful sellers get complaints: a bag leaks, a parcel is late, a buyer expected a different "
                    "taste. How you respond matters more than the problem itself. A complaint handled well often turns "
                    "into a loyal customer; a complaint ignored becomes a one-star review that every future buyer "
                    "reads.\n"
                    "\n"
                    "**Follow four steps.**\n"
                    "1. Thank and apologise: 'We are sorry the bag leaked. Thank you for telling us.'\n"
                    "2. Ask for facts: a photo of the parcel and the product, and the order number.\n"
                    "3. Offer a fair solution quickly: a refund, a replacement, or a partial refund if only part was "
                    "damaged.\n"
                    "4. Fix the cause: a stronger bag, double sealing, a different courier.\n"
                    "\n"
                    "**Be fair with numbers.** If a buyer paid 39.90 yuan for 1.5 kg of pickled cabbage in three 500 g "
                    "bags and one bag arrived broken, refunding one third, 13.30 yuan, is reasonable. Sending a "
                    "replacement may cost more in courier fees than the refund, so compare before you choose.\n"
                    "\n"
                    "**Follow the platform rules.** Platforms have return and refund rules, and some food cannot be "
                    "returned once opened. Read them in your seller centre. Handle each case inside the platform's "
                    "order system, not by private transfer, so that there is a record.\n"
                    "\n"
                    "**Answering a bad review.** Reply publicly, briefly and calmly, without accusing the buyer. For "
                    "example: 'We are sorry about the leaking bag. We have refunded the damaged part and now "
                    "double-seal every bag.' Future buyers read this and see a responsible seller.\n"
                    "\n"
                    "**Never buy reviews or pressure buyers.** Paying for praise, or offering cash to delete a review, "
                    "breaks platform rules and can close your shop. It also harms your respectability points in "
                    "Taocun, which depend on honest trading.\n"
                    "\n"
                    "Keep a complaint notebook: date, order, problem, solution, cost. After a month you will see which "
                    "problem repeats and where to improve first."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "What is the first step when a buyer complains?",
                            "explanation": (
                                "Thanking the buyer and apologising calms the situation before you look at the facts."
                            ),
                            "choices": [
                                {"text": "Ask the buyer to delete the review", "correct": False},
                                {"text": "Thank the buyer and apologise", "correct": True},
                                {"text": "Block the buyer", "correct": False},
                                {"text": "Explain that the courier is responsible", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "A buyer paid 39.90 yuan for three 500 g bags and one bag arrived broken. What partial "
                                "refund does the lesson suggest?"
                            ),
                            "explanation": "One bag is one third of the order, and 39.90 / 3 = 13.30 yuan.",
                            "choices": [
                                {"text": "39.90 yuan", "correct": False},
                                {"text": "3.99 yuan", "correct": False},
                                {"text": "20.00 yuan", "correct": False},
                                {"text": "13.30 yuan", "correct": True},
                            ],
                        },
                        {
                            "text": "Why handle refunds inside the platform's order system?",
                            "explanation": (
                                "Handling the case in the platform keeps a record that protects both buyer and seller."
                            ),
                            "choices": [
                                {"text": "So that there is a record of the case", "correct": True},
                                {"text": "Because private transfers are faster", "correct": False},
                                {"text": "So that the buyer pays the shipping", "correct": False},
                                {
                                    "text": "Because it hides the refund from your respectability points",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Telling your village's story to the public",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Public relations is about how people outside see your shop and your village: journalists, county "
                    "officials, cooperatives, and thousands of buyers who will never visit. A village with a clear, "
                    "true story attracts orders, visitors and partners.\n"
                    "\n"
                    "**Find the real story.** Good stories are concrete. In Libei village, Xifeng county, one company "
                    "ships more than 30 kinds of farm products, and in one year the village's online retail sales "
                    "reached 65.7098 million yuan, up 56.74 %. That story has people, products and numbers. Yours may "
                    "be smaller: three families who sell 200 kg of pickled cabbage a month, or a young woman who came "
                    "home from the city to open a shop.\n"
                    "\n"
                    "**Prepare a one-page fact sheet,** and keep it up to date:\n"
                    "- who you are, which village and county;\n"
                    "- what you sell and how it is made;\n"
                    "- numbers you can prove: orders per month, families involved, provinces reached;\n"
                    "- a contact person and phone number;\n"
                    "- two or three good photos.\n"
                    "\n"
                    "**Speaking to a journalist or a visiting official.** Speak simply, give examples, and never "
                    "invent figures. If you do not know a number, say you will check and send it. Ask the people you "
                    "mention, especially poorer households, whether they agree to be named or photographed.\n"
                    "\n"
                    "**Use your own channels.** The shop introduction, a WeChat group of repeat buyers, short videos "
                    "of the harvest: these are public relations too. Post regularly, answer comments, and show the "
                    "real work; buyers like to see the fields and the kitchen.\n"
                    "\n"
                    "**When something goes wrong.** If a batch is spoiled or a food safety question arises, say what "
                    "happened, what you did and what you have changed. Hiding it is worse: in a village network news "
                    "spreads fast, and one scandal can hurt every shop in the village, not only yours."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Which is a good, concrete village story?",
                            "explanation": "Real numbers about real sales make a story believable and worth reporting.",
                            "choices": [
                                {"text": "Our village is the best in China", "correct": False},
                                {"text": "Everyone here is very happy", "correct": False},
                                {
                                    "text": (
                                        "Libei village's online sales reached 65.7098 million yuan in a year, up 56.74 "
                                        "%"
                                    ),
                                    "correct": True,
                                },
                                {"text": "Our products are famous everywhere", "correct": False},
                            ],
                        },
                        {
                            "text": "A journalist asks for a number you do not know. What should you do?",
                            "explanation": (
                                "Never invent figures; checking and sending the number later keeps your word reliable."
                            ),
                            "choices": [
                                {"text": "Give a rough guess so the article looks good", "correct": False},
                                {"text": "Refuse to talk to the journalist", "correct": False},
                                {"text": "Say you will check it and send it later", "correct": True},
                                {"text": "Give the county's total instead", "correct": False},
                            ],
                        },
                        {
                            "text": "Before naming a poorer household in your story, you should...",
                            "explanation": "People have the right to decide whether they are named or photographed.",
                            "choices": [
                                {"text": "ask whether they agree to be named or photographed", "correct": True},
                                {"text": "ask only the county for permission", "correct": False},
                                {"text": "use a false name without telling them", "correct": False},
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "market-research",
        "title": "Market research",
        "summary": (
            "Find out what buyers actually want before you produce or pack it: read search words, competitors and your "
            "own order data, and plan stock so that the most wanted items do not run out."
        ),
        "audience": "rural_youth",
        "level": "intermediate",
        "language": "en",
        "lessons": [
            {
                "title": "Who buys, and what are they looking for?",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Market research means collecting facts about buyers and competitors before you decide what to "
                    "make, how much to pack and what price to ask. It is cheaper to learn from data than from a "
                    "storeroom full of unsold jars.\n"
                    "\n"
                    "Start with three questions.\n"
                    "- **Who buys?** City families who miss the taste of home, office workers who want quick meals, "
                    "small restaurants, gift buyers at festival time.\n"
                    "- **What do they search for?** Type your product into the platform search box and note the "
                    "suggested words that appear: 'pickled cabbage Guizhou', 'sour soup hot pot base', 'small pack', "
                    "'no additives'. These suggestions come from what many people type.\n"
                    "- **Who else sells it?** Look at the first 20 shops in the results. For each, note the price, the "
                    "weight, the price per 500 g, the monthly sales shown, the style of the main photo, and the "
                    "complaints in their reviews.\n"
                    "\n"
                    "Put your notes in a simple table. You may find, for example, that most 1.5 kg packs of pickled "
                    "cabbage sell between 29 and 45 yuan, that buyers praise 'crisp' and complain about 'too salty' "
                    "and 'leaking bags'. This tells you three things at once: a reasonable price range, a feature to "
                    "promote (crispness) and two problems to avoid (salt and leaks).\n"
                    "\n"
                    "**Read competitors' bad reviews carefully.** They are free market research. Every repeated "
                    "complaint is an opportunity: if buyers say the packs are too big for a small family, try a 500 g "
                    "pack.\n"
                    "\n"
                    "**Talk to real buyers.** Ask the repeat customers in your WeChat group what they would like: a "
                    "smaller size, a mixed gift box, less chilli. Five honest answers are worth more than a hundred "
                    "guesses.\n"
                    "\n"
                    "Write down what you learn, with the date. Markets change with seasons and festivals, so repeat "
                    "this research every few months."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Where can you cheaply learn which words buyers use?",
                            "explanation": (
                                "Search suggestions come from what many buyers type, so they show the words that "
                                "matter."
                            ),
                            "choices": [
                                {"text": "The county telephone directory", "correct": False},
                                {"text": "A newspaper from last year", "correct": False},
                                {"text": "Your own product labels", "correct": False},
                                {"text": "The suggested words in the platform search box", "correct": True},
                            ],
                        },
                        {
                            "text": "Competitors' reviews often say 'too salty'. What does this tell you?",
                            "explanation": (
                                "A repeated complaint about competitors is a problem to avoid and a chance for your "
                                "product to stand out."
                            ),
                            "choices": [
                                {"text": "Buyers prefer salty food", "correct": False},
                                {
                                    "text": "It is a problem to avoid and an opportunity for your product",
                                    "correct": True,
                                },
                                {"text": "You should raise your price", "correct": False},
                                {"text": "Nothing useful; reviews are random", "correct": False},
                            ],
                        },
                        {
                            "text": "Why repeat market research every few months?",
                            "explanation": "Demand changes with seasons and festivals, so old findings go out of date.",
                            "choices": [
                                {"text": "Markets change with seasons and festivals", "correct": True},
                                {"text": "Platforms delete old listings every month", "correct": False},
                                {"text": "Research is valid for one week only", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Reading your own sales data",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "After a few weeks of selling, your own shop data is the most valuable research you have. The "
                    "seller centres of the main platforms show visitors, orders, best-selling items and where buyers "
                    "come from. Learn to read four things.\n"
                    "\n"
                    "**Visitors.** How many people opened your product page. Few visitors means buyers do not find "
                    "you: improve the title words and the main image.\n"
                    "\n"
                    "**Conversion rate.** Orders divided by visitors. If 400 people visited your rice tofu page this "
                    "week and 12 ordered, conversion is 12 / 400 = 3 %. Many visitors but few orders means something "
                    "on the page puts buyers off: the price, the photos, the shipping time or the reviews.\n"
                    "\n"
                    "**Best sellers.** Sort your products by orders over the last 30 days. Usually a few items bring "
                    "most of the sales. If pickled cabbage and sour soup make 80 % of your orders, put your effort and "
                    "your stock there first.\n"
                    "\n"
                    "**Regions and repeat buyers.** Which provinces do orders come from? If many come from Jiangsu and "
                    "Zhejiang, choose a courier that is fast to the east and check delivery times there. Buyers who "
                    "order a second time tell you the product is right.\n"
                    "\n"
                    "Keep a weekly record in a notebook or spreadsheet:\n"
                    "- the date;\n"
                    "- visitors, orders and conversion for each main product;\n"
                    "- sales in yuan;\n"
                    "- stock left.\n"
                    "\n"
                    "Example: in week 1 the sour soup had 300 visitors and 6 orders, a conversion of 2 %. You changed "
                    "the main photo to a steaming bowl of soup. In week 2 it had 320 visitors and 16 orders, 5 %. The "
                    "new photo worked: keep it, and try the same idea on other products.\n"
                    "\n"
                    "Change one thing at a time, whether price, photo or title, and compare the week before with the "
                    "week after. If you change everything at once, you will not know what helped."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "400 people visited your page and 12 ordered. What is the conversion rate?",
                            "explanation": "Conversion is orders divided by visitors: 12 / 400 = 3 %.",
                            "choices": [
                                {"text": "12 %", "correct": False},
                                {"text": "33 %", "correct": False},
                                {"text": "3 %", "correct": True},
                                {"text": "0.3 %", "correct": False},
                            ],
                        },
                        {
                            "text": "Many visitors but very few orders usually means...",
                            "explanation": (
                                "Buyers found the page but something on it, such as price, photos or reviews, stopped "
                                "them ordering."
                            ),
                            "choices": [
                                {"text": "buyers cannot find your shop", "correct": False},
                                {"text": "something on the product page puts buyers off", "correct": True},
                                {"text": "your courier is too fast", "correct": False},
                                {"text": "the platform is closed", "correct": False},
                            ],
                        },
                        {
                            "text": "Why change only one thing at a time?",
                            "explanation": (
                                "Changing one thing lets you see which change caused the difference in orders."
                            ),
                            "choices": [
                                {"text": "So that you know which change caused the difference", "correct": True},
                                {"text": "Platforms allow only one change a month", "correct": False},
                                {"text": "Changing photos erases your reviews", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "The most wanted items and avoiding stock-outs",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "A grocery owner in Zhejiang told reporters that his products used to be out of stock all the "
                    "time; data on the most wanted items now lets him order directly and on time. For a village seller "
                    "the lesson is the same. Running out of your best product loses sales, pushes your listing down, "
                    "and sends loyal buyers to competitors.\n"
                    "\n"
                    "**Know your daily sales.** Take the orders of your best product over the last 14 days and divide "
                    "by 14. If pickled cabbage sold 168 packs of 1.5 kg in 14 days: 168 / 14 = 12 packs a day.\n"
                    "\n"
                    "**Know your lead time.** How many days pass between deciding to produce and having packs ready to "
                    "ship? Fermenting a new batch of cabbage may take 10 days.\n"
                    "\n"
                    "**Set a reorder point.** Reorder point = daily sales x lead time + safety stock. With 12 packs a "
                    "day and 10 days: 12 x 10 = 120 packs. Add a safety stock for surprises, for example 3 days of "
                    "sales: 12 x 3 = 36 packs. When stock falls to 120 + 36 = 156 packs, start a new batch. That is "
                    "156 x 1.5 kg = 234 kg of cabbage still in stock when you begin.\n"
                    "\n"
                    "**Watch the calendar.** Before Double 11 or the Spring Festival, daily sales can double or "
                    "triple. Increase production early, and check when couriers stop collecting before the holiday.\n"
                    "\n"
                    "**Do not over-produce either.** Products with a short shelf life become losses if they do not "
                    "sell. Making 60 days of sales of a product that keeps 30 days is a mistake; smaller, more "
                    "frequent batches are safer.\n"
                    "\n"
                    "**If you do run out,** show the real restocking date in the listing, or pause it. Never accept "
                    "orders you cannot ship within the promised time: late shipments bring penalties and lower your "
                    "respectability points."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Your best product sells 12 packs a day, takes 10 days to produce, and you keep 3 days "
                                "of safety stock. What is the reorder point?"
                            ),
                            "explanation": "Reorder point = 12 x 10 + 12 x 3 = 120 + 36 = 156 packs.",
                            "choices": [
                                {"text": "120 packs", "correct": False},
                                {"text": "156 packs", "correct": True},
                                {"text": "36 packs", "correct": False},
                                {"text": "130 packs", "correct": False},
                            ],
                        },
                        {
                            "text": "Why not make 60 days of sales of a product that keeps 30 days?",
                            "explanation": "Anything unsold after its shelf life spoils and becomes a loss.",
                            "choices": [
                                {"text": "Unsold product will spoil and become a loss", "correct": True},
                                {"text": "Platforms limit stock to 30 days", "correct": False},
                                {"text": "Couriers refuse large batches", "correct": False},
                            ],
                        },
                        {
                            "text": "Your best product has run out. What should you do with the listing?",
                            "explanation": (
                                "Accepting orders you cannot ship on time brings penalties and lowers your points."
                            ),
                            "choices": [
                                {"text": "Show the real restocking date or pause it", "correct": True},
                                {"text": "Keep accepting orders and ship whenever you can", "correct": False},
                                {"text": "Delete the listing and its reviews", "correct": False},
                                {"text": "Change the photos to another product", "correct": False},
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "online-product-development",
        "title": "Online product development",
        "summary": (
            "Turn raw farm produce into products that can be listed, shipped and reordered: sensible units, consistent "
            "grades, packaging that survives the journey and a known shelf life, priced so that every order earns "
            "money."
        ),
        "audience": "rural_youth",
        "level": "intermediate",
        "language": "en",
        "lessons": [
            {
                "title": "From a basket of produce to a product: units and portions",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "At the village market a buyer points at a basket and you weigh what they want. Online, the buyer "
                    "must choose from fixed options before seeing anything. Developing an online product starts with "
                    "deciding exactly what one unit is.\n"
                    "\n"
                    "**Choose units buyers understand.** Weight is clearest for food: 500 g, 1.5 kg, 2.5 kg. Portions "
                    "suit ready-to-cook foods: '2 portions of sour soup, each for 3 to 4 people'. A count suits eggs "
                    "or cakes: '30 eggs', '10 glutinous rice cakes'. Always state the net weight, without packaging or "
                    "brine.\n"
                    "\n"
                    "**Offer few options.** Two or three sizes are enough: a trial size, a family size and perhaps a "
                    "gift box. Too many options confuse buyers and make stock harder to manage. For pickled cabbage, "
                    "for example:\n"
                    "- 500 g trial pack;\n"
                    "- 1.5 kg family pack (three 500 g bags);\n"
                    "- 2.5 kg restaurant pack.\n"
                    "\n"
                    "Packing 1.5 kg as three 500 g bags is usually better than one big bag. Each bag is opened "
                    "separately, so the rest stays fresh, and if one bag leaks the whole order is not lost.\n"
                    "\n"
                    "**Weigh every pack.** Use a kitchen scale accurate to at least 5 g, and check it each morning "
                    "with a known weight, such as a sealed 500 g bag of salt. Pack slightly above the stated weight, "
                    "for example 505 g for 500 g, so that draining does not take it below. Short weight is one of the "
                    "most common complaints.\n"
                    "\n"
                    "**Cost one unit before setting a price.** For the 1.5 kg family pack: cabbage, salt and chilli "
                    "9.00 yuan; three vacuum bags 1.20 yuan; box and ice pack 3.80 yuan; courier 8.00 yuan. Total "
                    "cost: 22.00 yuan. Sold at 39.90 yuan, one pack leaves 17.90 yuan before platform fees and your "
                    "own labour. If that is too little for the work, change the unit, the packaging or the price, "
                    "never the weight."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Why pack a 1.5 kg order as three 500 g bags?",
                            "explanation": (
                                "Separate bags keep the unopened food fresh and limit the damage if one bag leaks."
                            ),
                            "choices": [
                                {"text": "Couriers charge less for three bags", "correct": False},
                                {"text": "It makes the net weight smaller", "correct": False},
                                {
                                    "text": (
                                        "Each bag is opened separately, and one leak does not spoil the whole order"
                                    ),
                                    "correct": True,
                                },
                                {"text": "Platforms require bags of exactly 500 g", "correct": False},
                            ],
                        },
                        {
                            "text": "In the example, what is the total cost of one 1.5 kg family pack?",
                            "explanation": "9.00 + 1.20 + 3.80 + 8.00 = 22.00 yuan.",
                            "choices": [
                                {"text": "17.90 yuan", "correct": False},
                                {"text": "39.90 yuan", "correct": False},
                                {"text": "22.00 yuan", "correct": True},
                                {"text": "14.00 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "How should you check your kitchen scale each morning?",
                            "explanation": (
                                "Weighing a known weight shows at once whether the scale is reading correctly."
                            ),
                            "choices": [
                                {"text": "Weigh a known weight, such as a sealed 500 g bag of salt", "correct": True},
                                {"text": "Ask a buyer to confirm the weight", "correct": False},
                                {"text": "Compare it with the courier's scale once a year", "correct": False},
                                {"text": "Scales never need checking", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Grading: making every parcel the same",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Buyers who reorder expect the second parcel to be as good as the first. At home a basket of "
                    "peppers can be mixed: big and small, red and green, some with marks. Online you need grades, "
                    "clear rules that say what goes into which product.\n"
                    "\n"
                    "**Write down simple grading rules.** For green peppers, for example:\n"
                    "- Grade A: 10 to 14 cm long, firm, bright green, no spots or cracks;\n"
                    "- Grade B: smaller or curved, small surface marks, sound inside;\n"
                    "- not for sale: soft, rotten, or with insect holes.\n"
                    "\n"
                    "Grade A goes into the main listing and the gift boxes. Grade B can be sold as a cheaper 'home "
                    "cooking' pack, clearly described, or made into chilli sauce. Nothing from the last group is "
                    "shipped.\n"
                    "\n"
                    "**Train everyone who packs.** If three families supply the shop, show each person the rules with "
                    "real peppers on the table: this one A, this one B, this one out. Pin a photo sheet on the wall of "
                    "the packing room.\n"
                    "\n"
                    "**Grade processed products too.** For pickled cabbage or rice tofu, check colour, smell, texture "
                    "and saltiness for every batch, and taste a sample from each jar before packing. Write the batch "
                    "date on every bag.\n"
                    "\n"
                    "**Keep batch records.** One line per batch in a notebook: date made, supplier family, quantity, "
                    "grade, date packed. If a buyer complains of a sour smell, you can find the batch, check the other "
                    "orders from it and, if needed, stop shipping it.\n"
                    "\n"
                    "**Never hide lower grades under better ones.** Putting good peppers on top and poor ones "
                    "underneath is cheating. Buyers photograph what they find, platforms punish it, and your shop "
                    "rating and respectability points fall. Honest Grade B at a lower price is a good product; "
                    "disguised Grade B is a complaint.\n"
                    "\n"
                    "Grades also help prices: Grade A peppers might sell at 15.80 yuan per 500 g and Grade B at 9.90 "
                    "yuan, so less of the harvest is wasted."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Under the example rules, a soft pepper with insect holes is...",
                            "explanation": "Soft, rotten or insect-damaged peppers are never shipped.",
                            "choices": [
                                {"text": "Grade A", "correct": False},
                                {"text": "Grade B", "correct": False},
                                {"text": "put in the gift boxes", "correct": False},
                                {"text": "not for sale", "correct": True},
                            ],
                        },
                        {
                            "text": "Why write the batch date on every bag?",
                            "explanation": (
                                "A batch date lets you trace a complaint to its batch and check the other orders from "
                                "it."
                            ),
                            "choices": [
                                {"text": "Because buyers like numbers", "correct": False},
                                {
                                    "text": "So that a complaint can be traced to its batch and other orders checked",
                                    "correct": True,
                                },
                                {"text": "So that the courier delivers faster", "correct": False},
                            ],
                        },
                        {
                            "text": "How should Grade B peppers be sold?",
                            "explanation": "Grade B is a good product when it is honestly described and priced lower.",
                            "choices": [
                                {"text": "As a cheaper, clearly described home-cooking pack", "correct": True},
                                {"text": "Hidden under Grade A peppers", "correct": False},
                                {"text": "At the Grade A price", "correct": False},
                                {"text": "Mixed at random into all orders", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Packaging that survives the journey",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "A parcel from a Guizhou village to Jiangsu may be thrown, stacked under heavy boxes and left in a "
                    "hot van for days. Packaging must protect the product, keep it safe to eat, and arrive looking "
                    "clean.\n"
                    "\n"
                    "**Use three layers.**\n"
                    "1. The inner layer touches the food: food-grade vacuum bags, or jars with tight lids. Seal "
                    "liquids twice. Leave no air in vacuum bags, so that pickles do not keep fermenting on the road.\n"
                    "2. The middle layer protects: a plastic bag around all the inner bags, so one leak does not soak "
                    "the box; foam or paper to fill gaps; an ice pack in summer for fresh products.\n"
                    "3. The outer layer is a strong carton, not a reused box printed with other brands. Tape all the "
                    "edges.\n"
                    "\n"
                    "**Test before selling.** Pack one parcel, shake it hard, drop it from table height onto the "
                    "floor, and leave it upside down overnight. If anything leaks or breaks, improve the packing. "
                    "Better still, send test parcels to relatives in two distant provinces and ask them to photograph "
                    "what arrives.\n"
                    "\n"
                    "**Label clearly.** On the bag or on a card inside: product name, net weight, ingredients, date "
                    "packed, storage instructions, shop name and phone. Registered producers must follow the labelling "
                    "rules for prepackaged food; ask the county training centre which rules apply to you.\n"
                    "\n"
                    "**Mind weight and size.** Couriers charge by weight and volume. A box that is too big costs more "
                    "and lets the contents move. Weigh the packed parcel: if 1.5 kg of cabbage becomes a 2.3 kg "
                    "parcel, see whether a lighter box or thinner foam keeps it just as safe for less.\n"
                    "\n"
                    "**Match the packaging to the season.** In July, fresh rice tofu may need an insulated box and two "
                    "ice packs, and you may stop delivering to very distant provinces. In winter one ice pack may be "
                    "enough. Update the listing whenever you change what you ship."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "What is the job of the middle layer?",
                            "explanation": (
                                "The middle layer stops one leak from soaking the box and protects the inner bags."
                            ),
                            "choices": [
                                {"text": "To show the brand name", "correct": False},
                                {"text": "To reduce the net weight", "correct": False},
                                {
                                    "text": (
                                        "To stop one leaking bag from soaking the whole box, and to protect the "
                                        "contents"
                                    ),
                                    "correct": True,
                                },
                                {"text": "To replace the vacuum bag", "correct": False},
                            ],
                        },
                        {
                            "text": "How can you test a packaging method before selling?",
                            "explanation": (
                                "Shaking, dropping and real test shipments reveal weak packaging before buyers do."
                            ),
                            "choices": [
                                {"text": "Ask the courier to handle it gently", "correct": False},
                                {
                                    "text": (
                                        "Shake and drop a sample parcel, then send test parcels to relatives far away"
                                    ),
                                    "correct": True,
                                },
                                {"text": "Use the largest box you can find", "correct": False},
                            ],
                        },
                        {
                            "text": "Why avoid boxes that are too big?",
                            "explanation": (
                                "Couriers charge by weight and volume, and empty space lets the contents move."
                            ),
                            "choices": [
                                {"text": "Couriers refuse large boxes", "correct": False},
                                {"text": "Big boxes make food spoil faster", "correct": False},
                                {"text": "Buyers cannot open big boxes", "correct": False},
                                {"text": "They cost more to ship and let the contents move", "correct": True},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Shelf life and food safety",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Shelf life is how long a product stays safe and good to eat under stated storage conditions. "
                    "Online, it decides how far you can ship, how much you can make at once, and what you must tell "
                    "the buyer.\n"
                    "\n"
                    "**Find the real shelf life by testing.** Keep sample packs from each new recipe under the "
                    "conditions a buyer will use: room temperature for dry goods, the fridge for pickles. Open one "
                    "every few days and note smell, colour, texture and taste. If pickled cabbage in a vacuum bag "
                    "stays good in the fridge but starts to soften on day 50, do not claim more than 30 to 40 days. "
                    "Keep a margin.\n"
                    "\n"
                    "**Count the days along the chain.** Suppose rice tofu keeps 7 days chilled. Packing and waiting "
                    "for the courier take 1 day, and delivery to Zhejiang takes 3 days. The buyer then has 7 - 1 - 3 = "
                    "3 days to eat it. That is too short for a comfortable purchase, so you either ship only to nearer "
                    "provinces, pay for faster delivery, or develop a longer-keeping version.\n"
                    "\n"
                    "**State storage instructions clearly,** in the listing and on the bag: 'Keep refrigerated at 0 to "
                    "4 °C. Eat within 5 days of opening.'\n"
                    "\n"
                    "**Keep the kitchen hygienic.** Clean hands, knives and boards; hair covered; raw and cooked foods "
                    "apart; boiled or safe water for brine. Keep animals and chemicals out of the packing room. These "
                    "simple rules prevent most problems.\n"
                    "\n"
                    "**Licences.** Selling processed food online usually requires a food business licence or a "
                    "small-workshop registration, depending on the province and the product, and platforms ask for it "
                    "when you list food. Check the requirements with the county market regulation office or the "
                    "training centre before you start.\n"
                    "\n"
                    "**When in doubt, throw it out.** A jar that smells wrong must not be shipped. One case of food "
                    "poisoning can close your shop and damage the reputation of the whole village."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Rice tofu keeps 7 days chilled; packing takes 1 day and delivery 3 days. How many "
                                "days are left for the buyer?"
                            ),
                            "explanation": "7 - 1 - 3 = 3 days remain after packing and delivery.",
                            "choices": [
                                {"text": "7 days", "correct": False},
                                {"text": "3 days", "correct": True},
                                {"text": "4 days", "correct": False},
                                {"text": "10 days", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "In tests, your pickled cabbage starts to soften on day 50. What shelf life should you "
                                "claim?"
                            ),
                            "explanation": (
                                "Claiming less than the tested limit keeps a safety margin for warmer fridges and "
                                "longer deliveries."
                            ),
                            "choices": [
                                {"text": "50 days", "correct": False},
                                {"text": "60 days, since buyers eat it quickly", "correct": False},
                                {"text": "None; pickles need no shelf life", "correct": False},
                                {"text": "About 30 to 40 days, keeping a margin", "correct": True},
                            ],
                        },
                        {
                            "text": "Before listing processed food, you should...",
                            "explanation": (
                                "Licence rules differ by province and product, so check them before you start selling."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "check the licence requirements with the county market regulation office or "
                                        "training centre"
                                    ),
                                    "correct": True,
                                },
                                {"text": "wait until a buyer asks to see a licence", "correct": False},
                                {"text": "list it in a non-food category", "correct": False},
                                {"text": "use a neighbour's licence", "correct": False},
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "branding",
        "title": "Branding of farm products",
        "summary": (
            "Build a brand that buyers remember and trust: find what makes your local specialty different, tell a true "
            "origin story, and design a name, label and packaging that carry it."
        ),
        "audience": "rural_youth",
        "level": "intermediate",
        "language": "en",
        "lessons": [
            {
                "title": "What makes your local specialty special",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Hundreds of shops sell pickled cabbage, chilli sauce or glutinous rice cakes. A brand answers the "
                    "buyer's question: why should I buy this one, and buy it again? For farm products, the answer "
                    "almost always starts with the place, the people and the method.\n"
                    "\n"
                    "**List what is truly different.** Sit down with the families who produce and write down facts, "
                    "not slogans:\n"
                    "- the place: a mountain village at 1,000 metres, cool nights, spring water;\n"
                    "- the raw material: a local variety of mustard greens, rice from terraced fields;\n"
                    "- the method: fermented in clay jars for 15 days, no preservatives, cut by hand;\n"
                    "- the people: a grandmother's recipe, a cooperative of 40 households;\n"
                    "- the use: the sour soup local families eat at every meal.\n"
                    "\n"
                    "**Pick one main promise.** A brand cannot say everything. Choose the one fact buyers care about "
                    "most and competitors cannot easily copy. Your market research helps: if reviews in your category "
                    "complain of 'too salty' and 'not crisp', and your cabbage is crisp and lightly salted, that is "
                    "your promise.\n"
                    "\n"
                    "**Make sure every claim can be proven.** Say 'no preservatives' only if you really use none. Use "
                    "a protected geographical indication name or logo only if your product is registered under it. Say "
                    "'organic' only if you hold the certificate. False claims are illegal and, once discovered, "
                    "destroy a brand in a day.\n"
                    "\n"
                    "**Test the promise with buyers.** Write it as one short sentence, such as 'Crisp mountain pickled "
                    "cabbage, clay-jar fermented, lightly salted', and ask ten repeat buyers whether it matches what "
                    "they like about your product. If they mention something else, listen: they may know your strength "
                    "better than you do.\n"
                    "\n"
                    "A brand is not a logo. It is a promise kept every time a parcel arrives. The logo and the "
                    "packaging only help people remember it."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Which of these can support a brand?",
                            "explanation": "A brand rests on provable facts, not on empty superlatives.",
                            "choices": [
                                {"text": "The most delicious in the universe", "correct": False},
                                {"text": "Everyone loves it", "correct": False},
                                {"text": "Fermented in clay jars for 15 days, with no preservatives", "correct": True},
                                {"text": "Top quality guaranteed", "correct": False},
                            ],
                        },
                        {
                            "text": "When may you use the word 'organic' on your product?",
                            "explanation": (
                                "Organic is a certified claim, and using it without the certificate is illegal."
                            ),
                            "choices": [
                                {"text": "Whenever you use little fertiliser", "correct": False},
                                {"text": "If the village is in the mountains", "correct": False},
                                {"text": "Only if you hold the organic certificate", "correct": True},
                                {"text": "If buyers ask for it", "correct": False},
                            ],
                        },
                        {
                            "text": "According to the lesson, what is a brand?",
                            "explanation": (
                                "The logo and packaging only help buyers remember a promise that must be kept every "
                                "time."
                            ),
                            "choices": [
                                {"text": "A promise kept every time a parcel arrives", "correct": True},
                                {"text": "A logo printed on the box", "correct": False},
                                {"text": "A high price", "correct": False},
                                {"text": "A long list of slogans", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "A true origin story",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "People buy food with their memories. A student in Shanghai who grew up in Guizhou wants the taste "
                    "of home; a family in Beijing wants to know where its food comes from. An origin story connects "
                    "them to your village.\n"
                    "\n"
                    "**The parts of a good origin story.**\n"
                    "- A person: who makes it? 'Aunt Luo, who has made sour soup for 30 years.'\n"
                    "- A place: where exactly? 'Libei village, Yongjing town, Xifeng county, Guizhou.'\n"
                    "- A method: what is done by hand, and why? 'Rice soup fermented for a week the old way, with no "
                    "vinegar added.'\n"
                    "- A change: what has selling online changed? 'Her sons came back from factory work to pack and "
                    "ship the orders.'\n"
                    "\n"
                    "**Keep it short and true.** Three to five sentences on the shop page, one sentence on the label, "
                    "a 60-second video for social media. Use real names and photos only with the people's agreement. "
                    "Do not invent a 'secret imperial recipe' or 300 years of history that you cannot show: buyers and "
                    "journalists check, and one exaggeration makes your honest facts look false too.\n"
                    "\n"
                    "**Show, do not only tell.** Photos and short videos of the terraces, the clay jars and the hands "
                    "at work are stronger than adjectives. Film the real seasons: planting, harvest, the first jar "
                    "opened.\n"
                    "\n"
                    "**Share a village story carefully.** When several shops sell the same specialty, a common story "
                    "such as 'pickled cabbage from the mountain villages of Xifeng' helps all of them, while each "
                    "shop's own story shows its family and method. Villages whose shops agree on a common name, shared "
                    "quality rules and a shared story grow stronger together. Where shops copy each other's photos and "
                    "cut corners on quality, the common reputation suffers.\n"
                    "\n"
                    "**Repeat it everywhere.** The same story, in the same words and pictures, on the shop page, the "
                    "product card, the box and your videos. Consistency is what makes buyers remember."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Which origin story detail follows the lesson?",
                            "explanation": (
                                "Real people, places and methods, shared with agreement, make a story believable."
                            ),
                            "choices": [
                                {"text": "A secret imperial recipe 300 years old, with no proof", "correct": False},
                                {"text": "A famous chef, unnamed, somewhere in China", "correct": False},
                                {"text": "A photo of another village downloaded from the internet", "correct": False},
                                {
                                    "text": (
                                        "Aunt Luo, who has made sour soup for 30 years in Libei village, with her "
                                        "agreement"
                                    ),
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Why can a common village story help?",
                            "explanation": (
                                "A shared story supports every shop selling the specialty while each keeps its own "
                                "family story."
                            ),
                            "choices": [
                                {"text": "It lets shops copy each other's photos", "correct": False},
                                {
                                    "text": (
                                        "It supports all shops selling the same specialty, while each keeps its own "
                                        "story"
                                    ),
                                    "correct": True,
                                },
                                {"text": "It removes the need for quality rules", "correct": False},
                                {"text": "It replaces each shop's product description", "correct": False},
                            ],
                        },
                        {
                            "text": "What makes buyers remember a story?",
                            "explanation": "Repeating the same words and pictures everywhere builds recognition.",
                            "choices": [
                                {"text": "The same story, words and pictures used everywhere", "correct": True},
                                {"text": "A new story every week", "correct": False},
                                {"text": "A very long story", "correct": False},
                                {"text": "Telling it only on the box", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Name, label and packaging design",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Once you know your promise and your story, design helps buyers recognise your product on a "
                    "crowded search page and on a kitchen shelf.\n"
                    "\n"
                    "**The name.** Short, easy to say and write, linked to the place or the promise. Check that nobody "
                    "has registered it: search the platform and the trademark database, and ask the county centre "
                    "about registering your own trademark before printing thousands of boxes. A family name plus the "
                    "product ('Luo's Sour Soup') or the village plus a feature ('Libei Crisp Cabbage') are simple "
                    "choices.\n"
                    "\n"
                    "**The label.** Arrange the information in order of importance:\n"
                    "1. brand name and product name;\n"
                    "2. net weight, clearly;\n"
                    "3. origin: village, county, province;\n"
                    "4. ingredients, date packed, shelf life, storage;\n"
                    "5. producer name, address and contact, and licence number if required.\n"
                    "\n"
                    "Use two or three colours at most and one clear font. Print the label at real size and read it "
                    "from one metre away; then look at a photo of it at thumbnail size on a phone.\n"
                    "\n"
                    "**The packaging.** It must protect first (see the online product development course), then carry "
                    "the brand. A plain carton with a printed sticker costs little and is fine at the start. Printed "
                    "boxes cost more and must be ordered in large quantities, so order them only when sales justify "
                    "it. If printed boxes cost 2.50 yuan each with a minimum order of 2,000, that is 5,000 yuan tied "
                    "up, and at 20 orders a day it takes 100 days to use them all.\n"
                    "\n"
                    "**Gift boxes for festivals.** A box with three specialties and a card telling the origin story "
                    "can sell at a higher price for the Spring Festival or the Mid-Autumn Festival, provided it still "
                    "arrives undamaged.\n"
                    "\n"
                    "**Keep it consistent.** The same colours, logo and photo style on the box, the label, the shop "
                    "page and your videos. Each time a buyer sees them, the brand grows stronger."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Before printing thousands of boxes with a new name, you should...",
                            "explanation": (
                                "Checking and registering the name protects you from losing your packaging and your "
                                "brand."
                            ),
                            "choices": [
                                {"text": "print first and check later", "correct": False},
                                {"text": "copy a famous brand's name so buyers recognise it", "correct": False},
                                {
                                    "text": (
                                        "check that nobody has registered it and ask about registering your trademark"
                                    ),
                                    "correct": True,
                                },
                                {"text": "use a different name on each box", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "Printed boxes cost 2.50 yuan each with a minimum order of 2,000. How much money is "
                                "tied up?"
                            ),
                            "explanation": "2.50 x 2,000 = 5,000 yuan.",
                            "choices": [
                                {"text": "500 yuan", "correct": False},
                                {"text": "5,000 yuan", "correct": True},
                                {"text": "2,500 yuan", "correct": False},
                                {"text": "50,000 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "How should you test whether a label is easy to read?",
                            "explanation": "Labels must work both on the shelf and as a small picture on a phone.",
                            "choices": [
                                {
                                    "text": (
                                        "Read a real-size print from one metre away and look at it as a thumbnail on a "
                                        "phone"
                                    ),
                                    "correct": True,
                                },
                                {"text": "Ask the printer whether it looks nice", "correct": False},
                                {"text": "Use as many colours as possible", "correct": False},
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "marketing-planning",
        "title": "Marketing planning",
        "summary": (
            "Plan a year of selling around harvests, festivals and shopping days such as Double 11 and the Spring "
            "Festival, price promotions with care, and use short video and live streaming to reach buyers with stock "
            "and packing ready."
        ),
        "audience": "rural_youth",
        "level": "advanced",
        "language": "en",
        "lessons": [
            {
                "title": "The selling calendar: seasons and festivals",
                "minutes": 9,
                "video_url": "",
                "body": (
                    "Sales of farm products are not spread evenly over the year. A marketing plan starts with a "
                    "calendar that puts your harvests next to the moments when buyers spend.\n"
                    "\n"
                    "**Your supply calendar.** Write down, month by month, what you can make and ship: fresh peppers "
                    "in summer, new rice in autumn, pickled cabbage and cured meat in winter, glutinous rice cakes "
                    "before the Spring Festival.\n"
                    "\n"
                    "**The buyers' calendar.** The big moments on Chinese platforms:\n"
                    "- Spring Festival (January or February): gifts and the taste of home; the busiest time for "
                    "specialties, but couriers slow down and many stop for several days around the holiday;\n"
                    "- Dragon Boat Festival (May or June): zongzi and glutinous rice;\n"
                    "- the 618 mid-year shopping festival (June);\n"
                    "- Mid-Autumn Festival (September or October): gift boxes;\n"
                    "- Double 11 (11 November): the largest shopping day of the year, with promotions starting days or "
                    "weeks before;\n"
                    "- Double 12 (12 December).\n"
                    "\n"
                    "**Match the two.** Where a festival meets a product you have, plan a campaign. Where a festival "
                    "comes and you have nothing ready, decide whether to develop something, such as a Spring Festival "
                    "gift box, or simply skip it.\n"
                    "\n"
                    "**Work backwards from each date.** For a Spring Festival gift box:\n"
                    "- 8 weeks before: decide contents and price, order boxes;\n"
                    "- 6 weeks before: photos, video and listing ready; sign up for platform activities, which close "
                    "early;\n"
                    "- 4 weeks before: production and stock complete;\n"
                    "- from 3 weeks before until the courier cut-off: sell and ship every day;\n"
                    "- at the cut-off: stop accepting orders you cannot deliver before the holiday, and say so clearly "
                    "in the listing.\n"
                    "\n"
                    "**Use the quiet months.** Improve products, test packaging, collect reviews and film material for "
                    "the next season."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "When is Double 11?",
                            "explanation": (
                                "Double 11 falls on 11 November and is the largest shopping day of the year."
                            ),
                            "choices": [
                                {"text": "11 January", "correct": False},
                                {"text": "11 November", "correct": True},
                                {"text": "1 November", "correct": False},
                                {"text": "The 11th day of the Spring Festival", "correct": False},
                            ],
                        },
                        {
                            "text": "In the Spring Festival plan, when should the photos, video and listing be ready?",
                            "explanation": (
                                "They must be ready 6 weeks before, because platform activities close early."
                            ),
                            "choices": [
                                {"text": "The day before the festival", "correct": False},
                                {"text": "After the courier cut-off", "correct": False},
                                {"text": "2 weeks after the festival", "correct": False},
                                {"text": "6 weeks before the festival", "correct": True},
                            ],
                        },
                        {
                            "text": "What should you do at the courier cut-off before the Spring Festival?",
                            "explanation": (
                                "Orders that cannot arrive before the holiday should not be accepted, and buyers "
                                "should be told."
                            ),
                            "choices": [
                                {
                                    "text": "Stop accepting orders you cannot deliver before the holiday, and say so",
                                    "correct": True,
                                },
                                {"text": "Keep selling and promise delivery anyway", "correct": False},
                                {"text": "Double the price", "correct": False},
                                {"text": "Close the shop for good", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Promotions, prices and budgets",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "A promotion must bring more profit or more loyal buyers, not just more work. Before joining a "
                    "festival discount, do the arithmetic.\n"
                    "\n"
                    "**Know your margin.** Say your 1.5 kg pack of pickled cabbage sells at 39.90 yuan and costs you "
                    "22.00 yuan including packaging and courier. Your margin is 17.90 yuan a pack before platform "
                    "fees.\n"
                    "\n"
                    "**Calculate what a discount does.** With 10 yuan off, the price is 29.90 yuan and the margin "
                    "falls to 7.90 yuan. To earn the same total margin as 100 packs at full price (100 x 17.90 = 1,790 "
                    "yuan), you must sell 1,790 / 7.90 = 226.6, so about 227 packs. Can you make 227 packs in time? "
                    "Will the discount really bring that many more orders? If not, a smaller discount, or a free 500 g "
                    "trial bag with two packs, may be better.\n"
                    "\n"
                    "**Choose the right kind of promotion.**\n"
                    "- Spend-and-save ('10 yuan off orders above 79 yuan') raises the size of each order.\n"
                    "- Bundles, such as cabbage with sour soup, introduce buyers to a second product.\n"
                    "- Free trial sizes bring new buyers at a smaller loss than a price cut.\n"
                    "- Coupons for repeat buyers reward loyalty.\n"
                    "\n"
                    "**Set a budget.** Write down the total you are willing to spend on a campaign: discounts, paid "
                    "advertising on the platform, product samples for videos, extra packaging. For example, a Double "
                    "11 budget of 1,500 yuan: 800 yuan for discounts, 500 yuan for advertising, 200 yuan for samples. "
                    "Check every day what you have spent and what it brought.\n"
                    "\n"
                    "**Never invent a false original price.** Raising the price before a festival so that the discount "
                    "looks bigger is price fraud, punished by platforms and regulators, and buyers notice.\n"
                    "\n"
                    "**Review afterwards.** After each campaign write down orders, sales, costs, margin, new buyers "
                    "and complaints. Next year's plan starts from these numbers, not from memory."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Price 39.90 yuan, cost 22.00 yuan, 10 yuan discount. What is the margin per pack "
                                "during the promotion?"
                            ),
                            "explanation": "29.90 - 22.00 = 7.90 yuan.",
                            "choices": [
                                {"text": "17.90 yuan", "correct": False},
                                {"text": "29.90 yuan", "correct": False},
                                {"text": "7.90 yuan", "correct": True},
                                {"text": "12.10 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "According to the lesson, which promotion brings new buyers at a smaller loss than a "
                                "price cut?"
                            ),
                            "explanation": (
                                "A free trial size introduces the product without cutting the margin on every pack."
                            ),
                            "choices": [
                                {"text": "A false original price", "correct": False},
                                {"text": "Doubling the price", "correct": False},
                                {"text": "A free trial size", "correct": True},
                                {"text": "Paid reviews", "correct": False},
                            ],
                        },
                        {
                            "text": "Raising the price just before a festival so the discount looks bigger is...",
                            "explanation": (
                                "A false original price is price fraud and is punished by platforms and regulators."
                            ),
                            "choices": [
                                {"text": "price fraud, punished by platforms and regulators", "correct": True},
                                {"text": "a normal marketing technique", "correct": False},
                                {"text": "allowed on Double 11 only", "correct": False},
                                {"text": "required to join promotions", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Short video",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Short-video apps and the video sections of shopping apps are now a major way that buyers discover "
                    "farm products. Thirty seconds of steam rising from a bowl of sour soup can do more than ten "
                    "photos.\n"
                    "\n"
                    "**What to film.** Real, simple scenes that show your promise:\n"
                    "- the harvest: picking peppers on a misty morning;\n"
                    "- the making: cutting cabbage, filling clay jars, opening a jar after 15 days;\n"
                    "- the cooking: a pot of sour soup with fish, the family at the table;\n"
                    "- the packing: 1.5 kg on the scale, sealing, the courier collecting the parcels.\n"
                    "\n"
                    "**How to film with a phone.**\n"
                    "- Hold the phone upright; most viewers watch on a phone held vertically.\n"
                    "- Use daylight and keep the phone steady, leaning it on something if you can.\n"
                    "- Film close to the action. The first three seconds must show something interesting, or viewers "
                    "scroll on.\n"
                    "- Record the voice close to the speaker, away from wind and engines.\n"
                    "- Keep each video to 15 to 60 seconds, with one idea per video.\n"
                    "\n"
                    "**Speak naturally.** A local accent and dialect words are part of the charm, but add subtitles in "
                    "standard Chinese so everyone understands. Say who you are, where you are, what the product is, "
                    "and how to buy it.\n"
                    "\n"
                    "**Be honest in video too.** The product in the video must be the product in the parcel. "
                    "Advertising rules apply to video: no claims that food cures illness, no fake 'last few hours' "
                    "countdowns.\n"
                    "\n"
                    "**Post regularly.** Three videos a week for two months teach you more than one perfect video. See "
                    "which ones were watched to the end and repeat what worked. Answer comments the same day when you "
                    "can: comments are buyers asking questions.\n"
                    "\n"
                    "**Link video to the shop.** Add the product link where the platform allows it, and say the shop "
                    "name. Check in your shop data how many orders came from video."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "How should you usually hold the phone when filming short videos?",
                            "explanation": (
                                "Most viewers watch on phones held upright, so vertical video fills their screen."
                            ),
                            "choices": [
                                {"text": "Sideways, in landscape format", "correct": False},
                                {"text": "Upside down", "correct": False},
                                {"text": "It does not matter at all", "correct": False},
                                {"text": "Upright, in vertical format", "correct": True},
                            ],
                        },
                        {
                            "text": "Why must the first three seconds of a video be interesting?",
                            "explanation": "Viewers decide very quickly whether to keep watching or scroll on.",
                            "choices": [
                                {"text": "Platforms delete slow videos", "correct": False},
                                {"text": "Otherwise viewers scroll on to the next video", "correct": True},
                                {"text": "Sound only starts after three seconds", "correct": False},
                                {"text": "The product link appears there", "correct": False},
                            ],
                        },
                        {
                            "text": "Which claim is forbidden in a food video?",
                            "explanation": "Claims that food cures illness break advertising rules.",
                            "choices": [
                                {"text": "This pickled cabbage cures stomach disease", "correct": True},
                                {"text": "Fermented for 15 days in clay jars", "correct": False},
                                {"text": "Made in Xifeng county, Guizhou", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Live streaming",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "In a live stream the seller talks to buyers in real time, shows the product, answers questions "
                    "and takes orders. Many counties and training centres now help farmers stream at harvest time. For "
                    "a beginner, preparation matters more than charm.\n"
                    "\n"
                    "**Prepare the set.** A quiet place with good light (a window by day, or two cheap LED lamps), the "
                    "phone on a stand, a stable network tested beforehand, and the products on a clean table. Have a "
                    "kitchen scale, a cooked dish and a packed parcel ready to show.\n"
                    "\n"
                    "**Prepare the script.** A 60-minute stream could run:\n"
                    "- 0 to 5 minutes: greet viewers, say who you are and what is on sale today;\n"
                    "- 5 to 20: product one, shown raw, on the scale and cooked, with price and how to order;\n"
                    "- 20 to 35: product two, the same way;\n"
                    "- 35 to 50: answer questions, show the village or the kitchen;\n"
                    "- 50 to 60: repeat the offers, thank viewers, announce the next stream.\n"
                    "\n"
                    "**Two people are better than one.** One speaks on camera; the other reads comments, answers "
                    "simple questions in writing, and watches stock and orders.\n"
                    "\n"
                    "**Get the numbers right.** Say prices and weights slowly and show them on a card: '1.5 kg, 39.90 "
                    "yuan'. The price in the stream must match the price in the shop. Never sell stock you do not "
                    "have: with 200 packs ready, stop at 200.\n"
                    "\n"
                    "**Plan the packing.** Ship within the promised time, for example within 48 hours of payment. A "
                    "big evening of sales followed by late parcels brings a flood of complaints. If two people can "
                    "pack 150 parcels a day, a stream that sells 600 needs 600 / 150 = 4 days of packing, so arrange "
                    "extra helpers or limit sales to what you can ship on time.\n"
                    "\n"
                    "**Review the replay.** Note when viewers arrived and left, which questions came up and which "
                    "products sold, and improve the script for next time."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Two people can pack 150 parcels a day and a stream sells 600. How many days of "
                                "packing are needed without extra help?"
                            ),
                            "explanation": "600 / 150 = 4 days.",
                            "choices": [
                                {"text": "2 days", "correct": False},
                                {"text": "6 days", "correct": False},
                                {"text": "4 days", "correct": True},
                                {"text": "1 day", "correct": False},
                            ],
                        },
                        {
                            "text": "During the stream, what is the second person's job?",
                            "explanation": (
                                "The helper handles comments, stock and orders so the speaker can concentrate on the "
                                "camera."
                            ),
                            "choices": [
                                {"text": "Film a different product at the same time", "correct": False},
                                {
                                    "text": "Read comments, answer simple questions, and watch stock and orders",
                                    "correct": True,
                                },
                                {"text": "Post fake comments to attract viewers", "correct": False},
                                {"text": "Change prices during the stream", "correct": False},
                            ],
                        },
                        {
                            "text": "You have 200 packs ready. During the stream you should...",
                            "explanation": "Selling stock you do not have leads to late parcels and complaints.",
                            "choices": [
                                {"text": "keep selling and make more later without telling buyers", "correct": False},
                                {"text": "hide the stock figure", "correct": False},
                                {"text": "raise the price after 100", "correct": False},
                                {"text": "stop selling when 200 have been sold", "correct": True},
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "first-online-shop",
        "title": "Opening your first online shop",
        "summary": (
            "A step-by-step guide for villagers: prepare what you need, set up the shop and its first listings, and "
            "handle the first orders from payment to a good review. The village service station can help at every step."
        ),
        "audience": "villagers",
        "level": "beginner",
        "language": "en",
        "lessons": [
            {
                "title": "Before you start: what you need",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Opening an online shop is free or cheap on most platforms, but running one takes daily work. "
                    "Before you register, check that you have the basics.\n"
                    "\n"
                    "**Something to sell regularly.** A shop needs products you can ship every week, not just once: "
                    "pickled cabbage from your own jars, eggs from your hens, tea from the family plot, or your "
                    "neighbours' produce if they agree to supply you.\n"
                    "\n"
                    "**Documents.** Usually:\n"
                    "- your resident identity card, in your own name;\n"
                    "- a mobile number registered in your name;\n"
                    "- a bank card or payment account in your name, to receive the money;\n"
                    "- for food, often a food business licence or small-workshop registration; for a company shop, a "
                    "business licence.\n"
                    "\n"
                    "Never open a shop with someone else's identity card, and never let anyone use yours. The shop "
                    "owner is responsible for everything the shop sells.\n"
                    "\n"
                    "**Equipment.** A smartphone with a good camera, reliable mobile data or broadband, a kitchen "
                    "scale, packing materials and a clean place to pack.\n"
                    "\n"
                    "**Time.** Expect one to two hours a day for messages, packing, taking parcels to the courier or "
                    "the station, and updating listings.\n"
                    "\n"
                    "**A courier.** Find out which couriers collect in your village or township, how often, and the "
                    "price to the provinces you will sell to. If no courier comes to the village, the service station "
                    "can often accept outgoing parcels and send them on with the second-leg vehicle.\n"
                    "\n"
                    "**A platform.** Large platforms such as Taobao or JD.com have many buyers but also many "
                    "competitors; short-video apps sell through videos and live streams; a WeChat group works for "
                    "buyers you already know. Many villagers start with one platform plus a group of relatives and "
                    "friends in the city.\n"
                    "\n"
                    "**Help.** The county training centre runs free workshops, and the station operator can help you "
                    "register and take the first photos. Ask them before you pay anyone who offers to open a shop for "
                    "you."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Whose identity card should you use to open your shop?",
                            "explanation": (
                                "The shop owner is responsible for everything sold, so the shop must be in your own "
                                "name."
                            ),
                            "choices": [
                                {"text": "A relative's who lives in the city", "correct": False},
                                {"text": "Your own", "correct": True},
                                {"text": "The station operator's", "correct": False},
                                {"text": "Any card, as long as the photo is clear", "correct": False},
                            ],
                        },
                        {
                            "text": "No courier comes to your village. Who can often send your parcels on?",
                            "explanation": (
                                "Stations can often accept outgoing parcels and send them with the second-leg vehicle."
                            ),
                            "choices": [
                                {"text": "Nobody; you cannot sell online", "correct": False},
                                {"text": "The buyer must come and collect", "correct": False},
                                {"text": "The county bank", "correct": False},
                                {"text": "The village service station, with the second-leg vehicle", "correct": True},
                            ],
                        },
                        {
                            "text": "Someone offers to open a shop for you for a fee. What should you do first?",
                            "explanation": (
                                "The training centre and the station operator help for free, so ask them before paying "
                                "anyone."
                            ),
                            "choices": [
                                {
                                    "text": "Ask the training centre or the station operator, who help for free",
                                    "correct": True,
                                },
                                {"text": "Pay at once to save time", "correct": False},
                                {"text": "Give them your identity card and bank card", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Setting up the shop and your first listings",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Registering on a platform takes from under an hour to several days, depending on its checks. "
                    "Follow the instructions in the seller app and keep your documents at hand.\n"
                    "\n"
                    "**Shop name and introduction.** Choose a short, honest name linked to you or your village, such "
                    "as 'Libei Auntie Wang's Kitchen'. In the introduction, say who you are, where you are and what "
                    "you sell in two or three sentences, with a photo of yourself or your kitchen.\n"
                    "\n"
                    "**Your first listings.** Start with two or three products you know well, not twenty. For each, "
                    "prepare:\n"
                    "- a title with product, place, feature and weight;\n"
                    "- five to eight photos taken in daylight on a clean board;\n"
                    "- a price for each size;\n"
                    "- a description: net weight, ingredients, storage, shelf life, shipping time;\n"
                    "- the stock quantity: the real number you can ship.\n"
                    "\n"
                    "**Setting the price.** Add up the cost of one order. Suppose 30 eggs cost you 24 yuan, the egg "
                    "tray and padded box 6 yuan, and the courier 10 yuan: 40 yuan in all. Look at similar shops. If "
                    "most sell 30 farm eggs for 50 to 60 yuan, a price of 52 yuan leaves you 12 yuan an order. Allow "
                    "for platform fees and broken eggs before deciding whether that is worth your work.\n"
                    "\n"
                    "**Shipping settings.** Choose the provinces you ship to, the courier and your shipping time. "
                    "Promise only what you can keep: 'ships within 48 hours of payment' is a common and realistic "
                    "promise for a village shop.\n"
                    "\n"
                    "**Getting paid.** Buyers pay the platform, which releases the money to you after the buyer "
                    "confirms receipt or after a set number of days. Your first income may take one to two weeks, so "
                    "keep some money aside for packaging.\n"
                    "\n"
                    "**Test everything.** Open your shop on a phone as a buyer would, and ask a relative to place a "
                    "real order, to check the whole process from payment to delivery."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "How many products should you list at the start?",
                            "explanation": (
                                "Starting with a few products you know well keeps quality and stock under control."
                            ),
                            "choices": [
                                {"text": "At least twenty", "correct": False},
                                {"text": "Every product the village makes", "correct": False},
                                {"text": "Two or three that you know well", "correct": True},
                                {"text": "None until you have reviews", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "30 eggs cost you 40 yuan delivered and you sell them at 52 yuan. What is left per "
                                "order before fees and breakages?"
                            ),
                            "explanation": "52 - 40 = 12 yuan per order.",
                            "choices": [
                                {"text": "52 yuan", "correct": False},
                                {"text": "22 yuan", "correct": False},
                                {"text": "12 yuan", "correct": True},
                                {"text": "8 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "Which shipping promise does the lesson call common and realistic for a village shop?"
                            ),
                            "explanation": "Shipping within 48 hours of payment is a promise a village shop can keep.",
                            "choices": [
                                {"text": "Ships within 48 hours of payment", "correct": True},
                                {"text": "Delivered anywhere in China the same day", "correct": False},
                                {"text": "Ships when enough orders have arrived", "correct": False},
                                {"text": "No shipping time stated", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Your first orders: from payment to delivery",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "The first orders matter most. They bring your first reviews, and new shops with good early "
                    "reviews are shown to more buyers. Treat every order in the first month as if the shop depends on "
                    "it, because it does.\n"
                    "\n"
                    "**When an order arrives.**\n"
                    "1. Check it: product, size, quantity, address, and any message from the buyer ('less chilli, "
                    "please').\n"
                    "2. Send a short note: 'Thank you for your order! We will pack it fresh and ship tomorrow "
                    "morning.'\n"
                    "3. Prepare it: weigh, pack in three layers, and add a small card with storage advice and a "
                    "thank-you.\n"
                    "4. Write or print the shipping label and hand the parcel to the courier or the station.\n"
                    "5. Enter the tracking number on the platform within the promised time, within 48 hours of payment "
                    "if that is your promise. Late shipping can bring penalties and compensation to the buyer.\n"
                    "\n"
                    "**Follow the parcel.** Check the tracking every day. If the parcel stops moving for two days, "
                    "contact the courier and tell the buyer what you are doing before they have to ask.\n"
                    "\n"
                    "**After delivery.** Send a message: 'Your parcel has arrived. Please keep the cabbage in the "
                    "fridge, and if anything is wrong, tell us first and we will put it right.' You may politely "
                    "invite a review, but never pay for one or offer anything in exchange for good stars.\n"
                    "\n"
                    "**Keep records from the first day.** For each order: date, order number, product, amount "
                    "received, cost, courier fee, tracking number, any problem. Add up at the end of the month. "
                    "Example: 46 orders at 39.90 yuan make 1,835.40 yuan of sales; at a cost of 22.00 yuan each, costs "
                    "are 1,012.00 yuan; the result is 823.40 yuan before platform fees.\n"
                    "\n"
                    "**Records build trust.** In Taocun, on-time shipping, few refunds and good ratings raise your "
                    "respectability points, which can later unlock a small loan to grow the shop. Careful, honest "
                    "first orders are the first step."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "You promise 'ships within 48 hours'. By when must the tracking number be entered?",
                            "explanation": (
                                "The promise counts from payment, so the parcel must be shipped and tracked within 48 "
                                "hours of it."
                            ),
                            "choices": [
                                {"text": "Within 48 hours of delivery", "correct": False},
                                {"text": "Whenever the buyer asks", "correct": False},
                                {"text": "At the end of the month", "correct": False},
                                {"text": "Within 48 hours of payment", "correct": True},
                            ],
                        },
                        {
                            "text": (
                                "46 orders at 39.90 yuan, each costing 22.00 yuan. What is the result before platform "
                                "fees?"
                            ),
                            "explanation": "1,835.40 - 1,012.00 = 823.40 yuan.",
                            "choices": [
                                {"text": "1,835.40 yuan", "correct": False},
                                {"text": "823.40 yuan", "correct": True},
                                {"text": "1,012.00 yuan", "correct": False},
                                {"text": "917.70 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "Which of these is allowed after delivery?",
                            "explanation": (
                                "Inviting a review politely is fine; paying or pressuring for reviews breaks platform "
                                "rules."
                            ),
                            "choices": [
                                {"text": "Politely inviting the buyer to leave a review", "correct": True},
                                {"text": "Paying the buyer for a five-star review", "correct": False},
                                {"text": "Offering cash to delete a bad review", "correct": False},
                                {"text": "Reviewing your own shop from a friend's account", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Growing step by step",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "After the first month you will have data, reviews and experience. Grow carefully: many village "
                    "shops fail not from too few orders but from too many too soon, followed by late parcels and "
                    "falling quality.\n"
                    "\n"
                    "**Look at your numbers every month:** orders, sales, costs, result, refunds, average rating, and "
                    "how many buyers came back. If refunds are more than a few in every hundred orders, fix the cause "
                    "before looking for more orders.\n"
                    "\n"
                    "**Improve what sells.** Give your best product better photos, a short video and a clearer "
                    "description first. Add new products one at a time, ideally ones your buyers asked for.\n"
                    "\n"
                    "**Work with neighbours.** When orders outgrow your family's work, buy from neighbours, but agree "
                    "clearly on quality, price and weight, and pay on time. Write it down, for example: 'Grade A "
                    "peppers, 6.00 yuan per kg, paid every Sunday.' A shop that buys from ten families spreads the "
                    "benefits of e-commerce through the village.\n"
                    "\n"
                    "**Join a cooperative or the village network.** Together, shops can buy packaging in bulk, share a "
                    "brand and get lower courier prices. If the courier charges you 8 yuan a parcel alone but 6 yuan "
                    "within a cooperative, a shop sending 200 parcels a month saves 200 x 2 = 400 yuan a month.\n"
                    "\n"
                    "**Keep family money and shop money apart.** Use one bank card for the shop only. Then you know "
                    "whether the shop really earns money, and you have records to show if you apply for a loan.\n"
                    "\n"
                    "**Borrow only for a clear plan.** A small loan can pay for a freezer, packaging or raw materials "
                    "before a festival. First work out how the extra sales will repay it; see the course on borrowing "
                    "and repaying a microloan well.\n"
                    "\n"
                    "**Your shop counts for the village.** A village is certified as a Taobao village when it has at "
                    "least 100 active shops and at least 10 million yuan of online sales a year. Every honest, active "
                    "shop helps the village reach and keep that status."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "Your refunds are well above a few in every hundred orders. What should you do first?"
                            ),
                            "explanation": "More orders would only multiply the problem, so fix its cause first.",
                            "choices": [
                                {"text": "Add ten new products", "correct": False},
                                {"text": "Spend more on advertising", "correct": False},
                                {"text": "Fix the cause before looking for more orders", "correct": True},
                                {"text": "Stop answering messages", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "The courier price falls from 8 to 6 yuan a parcel in a cooperative. How much does a "
                                "shop sending 200 parcels a month save?"
                            ),
                            "explanation": "200 x (8 - 6) = 400 yuan a month.",
                            "choices": [
                                {"text": "200 yuan", "correct": False},
                                {"text": "400 yuan", "correct": True},
                                {"text": "1,200 yuan", "correct": False},
                                {"text": "1,600 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "What are the Taobao village thresholds given in the lesson?",
                            "explanation": (
                                "A Taobao village has at least 100 active shops and at least 10 million yuan of yearly "
                                "online sales."
                            ),
                            "choices": [
                                {"text": "At least 10 shops and 1 million yuan a year", "correct": False},
                                {"text": "At least 1,000 shops and 100 million yuan a year", "correct": False},
                                {"text": "Any village that has a service station", "correct": False},
                                {
                                    "text": (
                                        "At least 100 active shops and at least 10 million yuan of online sales a year"
                                    ),
                                    "correct": True,
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "running-a-service-station",
        "title": "Running a village service station",
        "summary": (
            "For station operators: buy for villagers honestly, take deposits for large items, receive second-leg "
            "parcels and hand them over with pickup codes, sell local produce outward, check identity, and keep "
            "records anyone can verify."
        ),
        "audience": "station_operators",
        "level": "intermediate",
        "language": "en",
        "lessons": [
            {
                "title": "Assisted purchases and deposits",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Many villagers, especially older people, cannot or do not want to order online themselves. In an "
                    "assisted purchase, you find and order the goods on the villager's behalf. The villager trusts you "
                    "with money and choices, and that trust is the station's whole business.\n"
                    "\n"
                    "**Step by step.**\n"
                    "1. Listen to what the villager needs and can spend: 'a rice cooker for five people, under 300 "
                    "yuan'.\n"
                    "2. Show two or three options on the big screen, with price, shipping cost, seller rating and "
                    "delivery time. Let the villager choose; never push the item that pays you the most.\n"
                    "3. Read the order back aloud and write it down: item, model, colour, price, shipping, total, "
                    "expected arrival.\n"
                    "4. Take payment, give a receipt with the order number, and place the order in the villager's "
                    "name.\n"
                    "5. Tell the villager when the parcel should arrive and how they will be told.\n"
                    "\n"
                    "**Deposits for large items.** For a washing machine, a freezer or farm machinery, the station may "
                    "take a deposit now and the balance on delivery, following the rules of your county operation "
                    "centre. Example: a washing machine costs 2,400 yuan delivered. The villager pays a 500 yuan "
                    "deposit, recorded on a receipt signed by both of you. On delivery the villager checks the machine "
                    "and pays the balance: 2,400 - 500 = 1,900 yuan. If the order is cancelled because the item cannot "
                    "be supplied, the deposit is returned in full, as the receipt says.\n"
                    "\n"
                    "**Returns.** Before ordering, explain whether the item can be returned and who pays for return "
                    "shipping. At handover, help the villager inspect large items before signing, so that any damage "
                    "is reported at once.\n"
                    "\n"
                    "**Never mix money.** Villagers' payments and deposits are not your money. Record each one "
                    "immediately and keep it apart from your personal cash."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "A washing machine costs 2,400 yuan delivered and the villager paid a 500 yuan "
                                "deposit. What is due on delivery?"
                            ),
                            "explanation": "2,400 - 500 = 1,900 yuan.",
                            "choices": [
                                {"text": "2,400 yuan", "correct": False},
                                {"text": "1,900 yuan", "correct": True},
                                {"text": "2,900 yuan", "correct": False},
                                {"text": "500 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "How should you choose between products for a villager?",
                            "explanation": (
                                "The villager chooses from clear options; the operator never pushes the item that pays "
                                "them most."
                            ),
                            "choices": [
                                {"text": "Pick the item that pays you the highest commission", "correct": False},
                                {"text": "Always take the cheapest without asking", "correct": False},
                                {"text": "Let the seller decide", "correct": False},
                                {
                                    "text": (
                                        "Show options with price, rating and delivery time, and let the villager choose"
                                    ),
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "The item cannot be supplied and the order is cancelled. What happens to the deposit "
                                "in the example?"
                            ),
                            "explanation": "The deposit is returned in full, as written on the signed receipt.",
                            "choices": [
                                {"text": "It is returned in full, as the receipt says", "correct": True},
                                {"text": "The station keeps it as a fee", "correct": False},
                                {"text": "Half of it is returned", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Second-leg delivery and pickup codes",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Parcels for the village travel from the seller to a county warehouse, then on the second leg, by "
                    "the operation centre's vehicle, to your station, where villagers collect them. This last step is "
                    "where parcels are most often lost, swapped or handed to the wrong person, so it needs a fixed "
                    "routine.\n"
                    "\n"
                    "**Receiving the delivery.**\n"
                    "- Count the parcels against the delivery list with the driver before signing.\n"
                    "- Check each parcel for damage, wet corners or opened tape. Photograph any damage and note it on "
                    "the list before the driver leaves.\n"
                    "- Scan or enter each parcel into the station system on arrival. The system sends the recipient a "
                    "notice with a pickup code.\n"
                    "- Store parcels in order on shelves, off the floor, away from rain and sun. Keep fresh food cool "
                    "and call those recipients first.\n"
                    "\n"
                    "**Handing over with a pickup code.**\n"
                    "1. Ask the villager for the pickup code in their message. The villager says or shows it; you do "
                    "not read it out to them.\n"
                    "2. Find the parcel and check that the code and the name match.\n"
                    "3. For valuable items, or when someone collects for another person, check identity as your rules "
                    "require: the recipient's ID card, or the recipient's authorisation plus the collector's own ID.\n"
                    "4. Mark the parcel as collected in the system at once.\n"
                    "\n"
                    "**Teach villagers to keep the code secret.** A pickup code is like a key. They should not post it "
                    "in group chats or give it to anyone who phones claiming to be from the station or a courier. "
                    "Station staff never need a code by phone, only at the counter.\n"
                    "\n"
                    "**Uncollected parcels.** Remind the recipient after 2 to 3 days. After the period your rules set, "
                    "return the parcel through the system. Never open or use an uncollected parcel.\n"
                    "\n"
                    "**Disputes.** If a villager says a parcel is missing but the system shows it collected, check the "
                    "time, your records and any camera footage, and report to the operation centre. Careful records "
                    "protect both the villager and you."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "At the counter, who should say the pickup code?",
                            "explanation": (
                                "The villager gives the code from their own message, which proves they are the "
                                "recipient."
                            ),
                            "choices": [
                                {"text": "The operator, reading it from the system", "correct": False},
                                {"text": "Anyone waiting in the queue", "correct": False},
                                {"text": "The villager, from their own message", "correct": True},
                                {"text": "The second-leg driver", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "Someone phones a villager, says they are from the station and asks for the pickup "
                                "code. The villager should..."
                            ),
                            "explanation": "Station staff never need a pickup code by phone, only at the counter.",
                            "choices": [
                                {"text": "give it, since the station needs it", "correct": False},
                                {"text": "post it in the village group chat", "correct": False},
                                {"text": "refuse, because codes are only needed at the counter", "correct": True},
                                {"text": "send it by text message", "correct": False},
                            ],
                        },
                        {
                            "text": "A parcel arrives with a wet, damaged corner. What should you do?",
                            "explanation": (
                                "Recording damage before the driver leaves shows it happened before the parcel reached "
                                "the station."
                            ),
                            "choices": [
                                {
                                    "text": "Photograph it and note the damage on the list before the driver leaves",
                                    "correct": True,
                                },
                                {"text": "Accept it silently and repair it", "correct": False},
                                {"text": "Open it to check what is inside", "correct": False},
                                {"text": "Refuse every parcel that day", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Selling local produce outward",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "A station does not only bring goods into the village. It can be the village's door to outside "
                    "buyers: collecting produce from households, listing it online, packing it and sending it out. "
                    "Many villagers with good products have no time or skill to run a shop, and you can sell for "
                    "them.\n"
                    "\n"
                    "**Agree clearly with each supplier household** before taking any produce, and write down:\n"
                    "- the product and grade, for example Grade A dried chillies, no mould;\n"
                    "- the price paid per kg, or the sale price and your commission;\n"
                    "- when you pay, for example every Sunday for the previous week's sales;\n"
                    "- what happens to unsold or returned goods.\n"
                    "\n"
                    "**Weigh in front of the supplier.** Use a checked scale, read the weight aloud, and write it both "
                    "in your book and on a slip for the supplier. Example: Mrs Chen brings 12.5 kg of dried chillies "
                    "at an agreed 36 yuan per kg, so 12.5 x 36 = 450 yuan is owed to her when sold.\n"
                    "\n"
                    "**Check quality and label batches.** Sort out poor produce in front of the supplier, not after "
                    "they have left. Label each batch with the supplier's name and the date, so that any complaint can "
                    "be traced and settled fairly.\n"
                    "\n"
                    "**Pack and ship well.** Apply what the online product development course teaches: clear units, "
                    "tested packaging, shipping within the promised time. Outgoing parcels leave with the second-leg "
                    "vehicle or a courier.\n"
                    "\n"
                    "**Be open about money.** Show each supplier what sold, at what price, your commission and what "
                    "they receive. If you sell a household's 1.5 kg packs at 60 yuan with an agreed commission of 10 "
                    "%, you keep 6 yuan and the household receives 54 yuan a pack. Pay on the promised day, every "
                    "time: late or unclear payments destroy trust faster than anything else.\n"
                    "\n"
                    "**Be fair between households.** When there is more produce than orders, share the sales by a "
                    "clear rule, such as order of delivery, and explain it to everyone. Do not favour your relatives."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Mrs Chen brings 12.5 kg of dried chillies at 36 yuan per kg. How much is owed to her "
                                "when sold?"
                            ),
                            "explanation": "12.5 x 36 = 450 yuan.",
                            "choices": [
                                {"text": "360 yuan", "correct": False},
                                {"text": "432 yuan", "correct": False},
                                {"text": "486 yuan", "correct": False},
                                {"text": "450 yuan", "correct": True},
                            ],
                        },
                        {
                            "text": (
                                "A pack sells for 60 yuan with an agreed 10 % commission. How much does the household "
                                "receive?"
                            ),
                            "explanation": "10 % of 60 is 6 yuan for the station, leaving 54 yuan for the household.",
                            "choices": [
                                {"text": "6 yuan", "correct": False},
                                {"text": "54 yuan", "correct": True},
                                {"text": "50 yuan", "correct": False},
                                {"text": "60 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "When should poor produce be sorted out?",
                            "explanation": "Sorting in front of the supplier avoids disputes about what was delivered.",
                            "choices": [
                                {"text": "In front of the supplier, when it is delivered", "correct": True},
                                {"text": "After the supplier has left", "correct": False},
                                {"text": "Only when a buyer complains", "correct": False},
                                {"text": "At the end of the season", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Honesty, identity and records",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "A station runs on trust. Villagers hand you money, personal details and parcels; suppliers hand "
                    "you their harvest; the operation centre and the financial services offered through stations rely "
                    "on your records. Honesty and good records are not extra work: they are the job.\n"
                    "\n"
                    "**Keep a daily book,** on paper or in the station system, and record every transaction when it "
                    "happens:\n"
                    "- assisted purchases: date, villager, item, amount paid, order number;\n"
                    "- deposits received and balances paid;\n"
                    "- parcels received and collected;\n"
                    "- produce taken from suppliers, and payments to them;\n"
                    "- bill payments and top-ups done for villagers.\n"
                    "\n"
                    "**Close the day.** Each evening, count the cash and compare it with the book. If the book shows "
                    "1,280 yuan received in cash and 350 yuan paid out, the drawer should hold 1,280 - 350 = 930 yuan "
                    "more than in the morning. Find any difference and write it down the same day; never cover it "
                    "quietly with your own money.\n"
                    "\n"
                    "**Protect personal information.** ID numbers, phone numbers and addresses are private. Do not "
                    "copy ID cards unless a procedure requires it, never share lists of villagers with salespeople, "
                    "lock the computer when you step away, and never use a villager's account or identity for your own "
                    "orders.\n"
                    "\n"
                    "**Check identity when the rules require it:** valuable parcels, collection for someone else, "
                    "large deposits, financial services. Check everyone the same way, politely, including relatives "
                    "and village officials.\n"
                    "\n"
                    "**Avoid conflicts of interest.** Do not push products because they pay you more, and do not "
                    "charge fees that are not on the official price list. Put the station's fee list on the wall.\n"
                    "\n"
                    "**Explain, but let villagers decide.** When you help someone apply for a service such as a "
                    "microloan, explain the daily interest and the repayment date clearly. Never apply in a person's "
                    "name without their presence and consent.\n"
                    "\n"
                    "**Admit mistakes.** Correct the book, tell the person affected and put it right. People forgive "
                    "an honest mistake, not a hidden one."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "The book shows 1,280 yuan received in cash and 350 yuan paid out today. How much more "
                                "cash should the drawer hold than this morning?"
                            ),
                            "explanation": "1,280 - 350 = 930 yuan.",
                            "choices": [
                                {"text": "1,630 yuan", "correct": False},
                                {"text": "1,280 yuan", "correct": False},
                                {"text": "930 yuan", "correct": True},
                                {"text": "350 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "The cash count does not match the book. What should you do?",
                            "explanation": "Differences must be found and recorded the same day, never hidden.",
                            "choices": [
                                {"text": "Cover it with your own money and say nothing", "correct": False},
                                {"text": "Find the difference and write it down the same day", "correct": True},
                                {"text": "Change the book to match the cash", "correct": False},
                                {"text": "Wait until the end of the month", "correct": False},
                            ],
                        },
                        {
                            "text": "Which practice protects villagers' personal information?",
                            "explanation": "Locking the computer keeps records private when you step away.",
                            "choices": [
                                {"text": "Sharing villagers' phone lists with salespeople", "correct": False},
                                {"text": "Using a villager's account for your own orders", "correct": False},
                                {"text": "Copying every ID card for your own files", "correct": False},
                                {"text": "Locking the computer when you step away", "correct": True},
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "microloan-borrowing-well",
        "title": "Borrowing and repaying a microloan well",
        "summary": (
            "How respectability points unlock instant microloans without collateral, how daily interest on the "
            "outstanding principal is counted, why repaying early or in part saves money, and what late days cost."
        ),
        "audience": "villagers",
        "level": "beginner",
        "language": "en",
        "lessons": [
            {
                "title": "Respectability points: how trust unlocks a loan",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Banks usually lend to farmers only against collateral, such as a house, land rights or a "
                    "guarantor, and after long paperwork. Microloans linked to online trading work differently: they "
                    "look at how you have traded. In Taocun this appears as your respectability points, a trust score "
                    "built from the facts the platform holds about you.\n"
                    "\n"
                    "**What raises your points.** Typical facts that count:\n"
                    "- shipping orders within the promised time;\n"
                    "- honest descriptions, shown by few refunds and complaints;\n"
                    "- good ratings from buyers;\n"
                    "- a steady record of orders month after month;\n"
                    "- a verified identity and up-to-date contact details;\n"
                    "- loans repaid on time or early.\n"
                    "\n"
                    "**What lowers them.** Late shipments, many refunds, fake reviews, lost disputes and, above all, "
                    "late loan repayments. Taocun shows your score point by point and says why each point was added or "
                    "taken away, so you can see what to improve.\n"
                    "\n"
                    "**From points to a loan.** When your points reach the level set by the lending policy, a credit "
                    "limit appears, for example 5,000 yuan. You can apply on your phone in minutes, with no collateral "
                    "and no meeting, and the money arrives almost at once. This speed helps when an opportunity will "
                    "not wait: buying 500 chicks and feed before the season, packaging before Double 11, or a new "
                    "freezer when the old one breaks.\n"
                    "\n"
                    "**A limit is not income.** The limit is the most you may borrow, not money you should take. "
                    "Borrow only what a clear plan needs and can repay. Taking the full limit just because it is "
                    "offered is the most common mistake.\n"
                    "\n"
                    "**Keep your points healthy.** Trade honestly, ship on time, deal with complaints and repay as "
                    "agreed. Points grow slowly and fall quickly: a score built over two years can lose much of its "
                    "value after a few weeks of late repayments."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Which of these raises your respectability points?",
                            "explanation": "On-time shipping is one of the trading facts that build trust.",
                            "choices": [
                                {"text": "Buying fake reviews", "correct": False},
                                {"text": "Shipping orders within the promised time", "correct": True},
                                {"text": "Repaying a loan late", "correct": False},
                                {"text": "Losing disputes with buyers", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "You are offered a 5,000 yuan limit, but your plan needs 2,000 yuan. How much should "
                                "you borrow?"
                            ),
                            "explanation": (
                                "A limit is the most you may borrow, not money you should take; borrow what the plan "
                                "needs."
                            ),
                            "choices": [
                                {"text": "5,000 yuan, because it is offered", "correct": False},
                                {"text": "Nothing; loans are always bad", "correct": False},
                                {"text": "4,000 yuan, to keep some spare cash", "correct": False},
                                {"text": "2,000 yuan, what the plan needs", "correct": True},
                            ],
                        },
                        {
                            "text": "Instead of collateral, what does a microloan linked to online trading look at?",
                            "explanation": "The score is built from your trading and repayment record.",
                            "choices": [
                                {
                                    "text": "Your trading record: shipping, refunds, ratings and repayments",
                                    "correct": True,
                                },
                                {"text": "The size of your house", "correct": False},
                                {"text": "How many relatives you have in the city", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Daily interest: what a loan really costs",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "These microloans charge interest counted day by day on the principal you still owe, the "
                    "outstanding principal. A typical rate has been about 0.05 % a day. The rate in your own contract "
                    "is the one that counts, so always read it before you confirm.\n"
                    "\n"
                    "**The daily calculation.**\n"
                    "Daily interest = outstanding principal x daily rate.\n"
                    "0.05 % is 0.0005. On 10,000 yuan: 10,000 x 0.0005 = 5.00 yuan a day.\n"
                    "\n"
                    "**Interest grows with the days.**\n"
                    "- 10,000 yuan for 30 days: 5.00 x 30 = 150.00 yuan.\n"
                    "- 10,000 yuan for 90 days: 5.00 x 90 = 450.00 yuan.\n"
                    "- 2,000 yuan for 7 days: 2,000 x 0.0005 x 7 = 7.00 yuan.\n"
                    "- 6,000 yuan for 60 days: 3.00 x 60 = 180.00 yuan.\n"
                    "\n"
                    "Because interest is counted daily, you pay only for the days you actually keep the money. "
                    "Borrowing on the day you need it, not a week before, saves money.\n"
                    "\n"
                    "**Compare with a yearly rate.** 0.05 % a day for 365 days is 0.05 x 365 = 18.25 % a year, as "
                    "simple interest. That is more than many bank loans, but this loan is instant, needs no "
                    "collateral, and charges only for the days used. It suits short needs of weeks or a few months, "
                    "not years.\n"
                    "\n"
                    "**Check that the plan earns more than the interest.** You borrow 6,000 yuan to buy 500 chicks and "
                    "feed and sell the chickens 60 days later. Interest: 180.00 yuan. If the chickens bring 9,000 "
                    "yuan, after repaying 6,000 yuan of principal and 180 yuan of interest you keep 2,820 yuan, before "
                    "other costs such as vaccines and electricity. Then ask yourself: if disease killed half the "
                    "flock, could I still repay?\n"
                    "\n"
                    "**Know the total before you borrow.** Write down the amount, the daily rate, the expected number "
                    "of days, the expected interest, and where the repayment will come from."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "How much interest do 10,000 yuan cost at 0.05 % a day for 30 days?",
                            "explanation": "10,000 x 0.0005 = 5.00 yuan a day, and 5.00 x 30 = 150.00 yuan.",
                            "choices": [
                                {"text": "15.00 yuan", "correct": False},
                                {"text": "1,500.00 yuan", "correct": False},
                                {"text": "150.00 yuan", "correct": True},
                                {"text": "5.00 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "What is the daily interest on 6,000 yuan at 0.05 % a day?",
                            "explanation": "6,000 x 0.0005 = 3.00 yuan a day.",
                            "choices": [
                                {"text": "30.00 yuan", "correct": False},
                                {"text": "0.30 yuan", "correct": False},
                                {"text": "3.00 yuan", "correct": True},
                                {"text": "6.00 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "Why borrow on the day you need the money rather than a week before?",
                            "explanation": (
                                "Interest is counted for each day you hold the money, so fewer days cost less."
                            ),
                            "choices": [
                                {"text": "Interest is counted daily, so fewer days cost less", "correct": True},
                                {"text": "Loans taken early are refused", "correct": False},
                                {"text": "The rate is lower at weekends", "correct": False},
                                {"text": "Interest is the same whatever the number of days", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Repaying early or in part: interest first, then principal",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "These loans can be repaid whenever you choose, all at once or part by part, without waiting for a "
                    "due date. Every yuan of principal repaid early stops costing interest from that day.\n"
                    "\n"
                    "**The order of a repayment: interest first, then principal.** When you repay, the money first "
                    "pays the interest built up since your last repayment, the accrued interest. Only what is left "
                    "reduces the principal. From then on, interest is counted on the new, smaller principal.\n"
                    "\n"
                    "**Worked example.** You borrow 10,000 yuan at 0.05 % a day.\n"
                    "- After 20 days, accrued interest is 10,000 x 0.0005 x 20 = 100.00 yuan.\n"
                    "- You sell a batch of pickled cabbage and repay 3,100 yuan. The first 100.00 yuan pays the "
                    "interest; the other 3,000.00 yuan reduces the principal to 7,000.00 yuan.\n"
                    "- Daily interest is now 7,000 x 0.0005 = 3.50 yuan.\n"
                    "- Ten days later, accrued interest is 3.50 x 10 = 35.00 yuan. You repay 7,035.00 yuan: 35.00 yuan "
                    "of interest and 7,000.00 yuan of principal. The loan is closed.\n"
                    "\n"
                    "Total interest: 100.00 + 35.00 = 135.00 yuan. Keeping the whole 10,000 yuan for the 30 days would "
                    "have cost 150.00 yuan. The part repayment saved 15.00 yuan, which is 3,000 x 0.0005 x 10 days.\n"
                    "\n"
                    "**A small repayment may only pay interest.** If after 20 days you repay just 80 yuan, all of it "
                    "goes to the 100.00 yuan of accrued interest. 20 yuan of interest is still owed and the principal "
                    "is still 10,000 yuan. Small payments reduce your debt only when they are larger than the interest "
                    "already built up.\n"
                    "\n"
                    "**Repay whenever money comes in.** Income from a market day or a good week online can go straight "
                    "to the loan. Keep a simple table: date, amount repaid, interest part, principal part, principal "
                    "left. Compare it with the statement in the app."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "You owe 100.00 yuan of accrued interest on 10,000 yuan of principal and repay 3,100 "
                                "yuan. What principal is left?"
                            ),
                            "explanation": (
                                "100.00 yuan pays the interest, and the remaining 3,000.00 yuan reduces the principal "
                                "to 7,000.00 yuan."
                            ),
                            "choices": [
                                {"text": "6,900.00 yuan", "correct": False},
                                {"text": "7,100.00 yuan", "correct": False},
                                {"text": "10,000.00 yuan", "correct": False},
                                {"text": "7,000.00 yuan", "correct": True},
                            ],
                        },
                        {
                            "text": "In what order is a repayment applied?",
                            "explanation": (
                                "Repayments pay accrued interest first, and only the rest reduces the principal."
                            ),
                            "choices": [
                                {"text": "First to principal, then to interest", "correct": False},
                                {"text": "First to accrued interest, then to principal", "correct": True},
                                {"text": "Half to interest and half to principal", "correct": False},
                                {"text": "Only to principal; interest is paid at the end", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "After 20 days, accrued interest on 10,000 yuan is 100.00 yuan and you repay 80 yuan. "
                                "What happens?"
                            ),
                            "explanation": (
                                "The 80 yuan is smaller than the accrued interest, so it all goes to interest and the "
                                "principal does not fall."
                            ),
                            "choices": [
                                {
                                    "text": "All 80 yuan pays interest, and the principal is still 10,000 yuan",
                                    "correct": True,
                                },
                                {"text": "The principal falls to 9,920 yuan", "correct": False},
                                {"text": "The loan is closed", "correct": False},
                                {"text": "The 80 yuan is returned to you", "correct": False},
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Late days and borrowing safely",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Being able to repay at any time does not mean there is no deadline. Each loan has a final due "
                    "date, or agreed instalment dates, set in the contract you accept in the app. Every day after a "
                    "due date on which money is still owed is a late day, and late days cost you in several ways.\n"
                    "\n"
                    "**More interest.** Interest keeps running on the principal you still owe, and many contracts add "
                    "penalty interest on overdue amounts. Suppose your contract sets penalty interest at 0.075 % a "
                    "day: 5,000 yuan overdue for 10 days then costs 5,000 x 0.00075 x 10 = 37.50 yuan on top of the "
                    "normal interest. Check the real figure in your own contract.\n"
                    "\n"
                    "**Lower respectability points.** Late repayment is one of the strongest negative facts in the "
                    "trust score. A few late days can cut your points and your limit, or stop new loans altogether.\n"
                    "\n"
                    "**Credit records.** Lenders may report overdue loans to credit records, which can affect future "
                    "bank loans too.\n"
                    "\n"
                    "**If trouble is coming, act early.** If a buyer pays late or the harvest fails, repay what you "
                    "can before the due date, since even a part reduces the principal and the interest, and ask the "
                    "lender through the app what options exist. Ignoring reminders makes everything worse.\n"
                    "\n"
                    "**Rules for borrowing safely.**\n"
                    "- Borrow for something that will earn the money back, by a clear date.\n"
                    "- Keep the loan small compared with your income: know how many weeks of sales will repay it.\n"
                    "- Never take a new loan to repay an old one; that is how debt grows out of control.\n"
                    "- Never borrow for someone else, or let anyone use your phone or account to borrow in your name.\n"
                    "- Anyone who calls offering to raise your limit for a fee, or asking for your verification code, "
                    "is a scammer.\n"
                    "\n"
                    "**Plan the repayment before you borrow.** Borrowing 3,000 yuan for packaging with 1,500 yuan of "
                    "net sales expected each week? Plan two repayments a week apart, well before the due date."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "Your contract sets penalty interest at 0.075 % a day. What extra does 5,000 yuan "
                                "overdue for 10 days cost?"
                            ),
                            "explanation": "5,000 x 0.00075 x 10 = 37.50 yuan.",
                            "choices": [
                                {"text": "3.75 yuan", "correct": False},
                                {"text": "375.00 yuan", "correct": False},
                                {"text": "37.50 yuan", "correct": True},
                                {"text": "25.00 yuan", "correct": False},
                            ],
                        },
                        {
                            "text": "You cannot repay everything by the due date. What should you do?",
                            "explanation": (
                                "A part repayment reduces principal and interest, and the lender may offer options if "
                                "asked early."
                            ),
                            "choices": [
                                {"text": "Ignore the reminders until you have the full amount", "correct": False},
                                {
                                    "text": (
                                        "Repay what you can before the due date and contact the lender through the app"
                                    ),
                                    "correct": True,
                                },
                                {"text": "Take a new loan to repay this one", "correct": False},
                                {"text": "Ask a friend to borrow in their name for you", "correct": False},
                            ],
                        },
                        {
                            "text": (
                                "A caller offers to raise your limit for a fee and asks for your verification code. "
                                "This is..."
                            ),
                            "explanation": (
                                "Limits are not raised for a fee, and nobody genuine asks for your verification code."
                            ),
                            "choices": [
                                {"text": "an official service of the lender", "correct": False},
                                {"text": "a normal way to gain points", "correct": False},
                                {"text": "a yearly requirement", "correct": False},
                                {"text": "a scam", "correct": True},
                            ],
                        },
                    ],
                },
            },
        ],
    },
]
