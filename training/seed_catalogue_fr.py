"""Catalogue de formation Taocun en français (French version of training/seed_catalogue.py).

Same nine courses, slugs, order, lessons, quizzes, answer flags, pass marks, minutes, video URLs, audiences
and levels as the English catalogue; only the learner-facing text is translated and "language" is "fr".
Plain literals only, so the data can be loaded by a migration, a management command or a test without
importing Django.
"""

COURSES: list[dict] = [
    {
        "slug": "product-presentation",
        "title": "Présenter et photographier ses produits",
        "summary": (
            "Le premier atelier du centre de formation du district : comment photographier et décrire des produits de "
            "la ferme pour qu’un acheteur situé à mille kilomètres ait confiance dans ce qu’il va recevoir. "
            "Entraînez-vous avec votre propre chou fermenté, votre tofu de riz ou vos piments, et l’appareil photo de "
            "votre téléphone."
        ),
        "audience": "rural_youth",
        "level": "beginner",
        "language": "fr",
        "lessons": [
            {
                "title": "La lumière, le fond et une planche propre",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Un acheteur du Jiangsu ne peut ni toucher, ni sentir, ni goûter votre chou fermenté. La photo est "
                    "tout ce qu’il a : elle doit donc être nette et honnête. Pas besoin d’un appareil coûteux : un "
                    "téléphone récent, la lumière du jour et une surface propre suffisent.\n"
                    "\n"
                    "**Utilisez la lumière du jour, pas le plafonnier.** Photographiez près d’une fenêtre ou dehors à "
                    "l’ombre, entre 9 h et 16 h environ. Le plein soleil de midi crée des ombres dures et brûle les "
                    "couleurs claires ; les ampoules jaunes de la maison font paraître brun un piment vert. Un jour "
                    "nuageux donne une lumière douce et régulière, idéale pour les aliments.\n"
                    "\n"
                    "**Choisissez un fond simple et propre.** Une planche à découper en bois bien frottée, une "
                    "assiette blanche ou une feuille de papier blanc conviennent très bien. Essuyez les gouttes de "
                    "saumure, la terre et les miettes avant chaque photo. Sortez du cadre la bassine en plastique, le "
                    "calendrier du mur et les chaussures de la famille. L’acheteur ne doit voir que le produit.\n"
                    "\n"
                    "**Tenez le téléphone stable et l’objectif propre.** Les téléphones utilisés en cuisine sont "
                    "souvent gras : essuyez l’objectif avec un chiffon doux. Tenez le téléphone les deux coudes serrés "
                    "contre le corps, ou appuyez-le sur une pile de livres. Touchez l’écran sur le produit pour faire "
                    "la mise au point.\n"
                    "\n"
                    "Une routine simple pour chaque produit :\n"
                    "- photo principale : le produit seul, qui remplit l’essentiel d’un cadre carré ;\n"
                    "- gros plan : la texture, par exemple la tranche d’un tofu de riz ;\n"
                    "- photo sur la balance : le produit sur une balance de cuisine qui affiche 1,5 kg, pour que "
                    "l’acheteur voie la quantité réelle ;\n"
                    "- photo emballée : le produit dans le sachet ou le carton que l’acheteur recevra vraiment.\n"
                    "\n"
                    "N’utilisez pas de filtres qui changent les couleurs. Si le chou est vert-jaune pâle, il doit "
                    "paraître vert-jaune pâle. Des photos plus belles que le produit entraînent des réclamations et "
                    "des remboursements à l’ouverture du colis."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Quelle est la meilleure lumière pour photographier du chou fermenté ?",
                            "explanation": (
                                "La lumière douce du jour montre les vraies couleurs sans ombres dures, alors que les "
                                "ampoules jaunes et le soleil de midi déforment le produit."
                            ),
                            "choices": [
                                {
                                    "text": "Le plafonnier jaune de la cuisine",
                                    "correct": False,
                                },
                                {
                                    "text": "La lumière douce du jour, près d’une fenêtre ou à l’ombre",
                                    "correct": True,
                                },
                                {
                                    "text": "Le plein soleil de midi, pour un maximum de luminosité",
                                    "correct": False,
                                },
                                {
                                    "text": "Le flash du téléphone dans une pièce sombre",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi ajouter une photo du produit sur une balance de cuisine ?",
                            "explanation": (
                                "La photo sur la balance prouve la quantité : l’acheteur sait exactement ce qu’il va "
                                "recevoir."
                            ),
                            "choices": [
                                {
                                    "text": "Elle fait paraître le produit plus gros qu’il n’est",
                                    "correct": False,
                                },
                                {
                                    "text": "Elle remplace la description écrite",
                                    "correct": False,
                                },
                                {
                                    "text": "Les plateformes refusent les annonces qui n’en ont pas",
                                    "correct": False,
                                },
                                {
                                    "text": "Elle montre à l’acheteur la quantité réelle, par exemple 1,5 kg",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Faut-il appliquer un filtre de couleur pour rendre le produit plus éclatant ?",
                            "explanation": (
                                "Des photos plus belles que le produit réel entraînent des réclamations et des "
                                "remboursements."
                            ),
                            "choices": [
                                {
                                    "text": "Non, les couleurs doivent correspondre à ce que l’acheteur recevra",
                                    "correct": True,
                                },
                                {
                                    "text": "Oui, les acheteurs attendent de belles images",
                                    "correct": False,
                                },
                                {
                                    "text": "Oui, mais seulement sur la photo principale",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "L’image principale et la série de photos",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Les plateformes affichent votre image principale en petit, dans une grille de dizaines de "
                    "produits concurrents, sur l’écran d’un téléphone. L’acheteur décide en une seconde environ s’il "
                    "touche l’image. Votre image principale doit dire, d’un seul coup d’œil, ce qu’est le produit et "
                    "pourquoi il est bon.\n"
                    "\n"
                    "Les règles de l’image principale :\n"
                    "- format carré (1:1), au moins 800 x 800 pixels, pour que la plateforme puisse zoomer ;\n"
                    "- le produit occupe environ les deux tiers du cadre, centré et net ;\n"
                    "- un fond clair et uni ; beaucoup de catégories exigent un fond blanc pour la première image, "
                    "vérifiez donc les règles dans votre espace vendeur ;\n"
                    "- pas de grand texte, pas de numéro de téléphone et pas de filigrane sur le produit ; les "
                    "plateformes peuvent déclasser les images qui ne respectent pas leurs règles.\n"
                    "\n"
                    "Composez ensuite une série de cinq à huit photos qui répond, dans l’ordre, aux questions de "
                    "l’acheteur : Qu’est-ce que c’est ? Combien vais-je recevoir ? À quoi cela ressemble-t-il à "
                    "l’intérieur ? Comment est-ce emballé ? D’où cela vient-il ?\n"
                    "\n"
                    "Par exemple, pour 1,5 kg de tofu de riz du district de Xifeng :\n"
                    "1. le tofu de riz coupé en cubes sur une assiette blanche ;\n"
                    "2. le bloc entier sur une balance qui affiche 1,5 kg ;\n"
                    "3. un gros plan de la tranche bien lisse ;\n"
                    "4. un bol de tofu de riz cuisiné avec de la sauce pimentée, pour montrer comment on le mange ;\n"
                    "5. le sachet sous vide et le carton isotherme avec un pain de glace ;\n"
                    "6. les mains du fabricant au travail dans l’atelier du village.\n"
                    "\n"
                    "Prenez beaucoup de photos et ne gardez que les meilleures. Supprimez toute photo floue, penchée "
                    "ou trop sombre. Nommez clairement les fichiers (tofuderiz_principale.jpg, tofuderiz_balance.jpg) "
                    "pour les retrouver lors de la prochaine annonce.\n"
                    "\n"
                    "Gardez le même style pour tous les produits de votre boutique : la même planche, la même lumière, "
                    "le même angle. Une boutique cohérente paraît professionnelle et digne de confiance, même quand "
                    "elle est tenue depuis une ferme."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Quel format est recommandé pour l’image principale ?",
                            "explanation": (
                                "Une image carrée d’au moins 800 x 800 pixels s’affiche bien dans la grille et peut "
                                "être agrandie."
                            ),
                            "choices": [
                                {
                                    "text": "Un portrait en hauteur avec le prix écrit dessus",
                                    "correct": False,
                                },
                                {
                                    "text": "N’importe quelle taille, pourvu qu’un numéro de téléphone apparaisse",
                                    "correct": False,
                                },
                                {
                                    "text": "Carré, au moins 800 x 800 pixels",
                                    "correct": True,
                                },
                                {
                                    "text": "Une grande photo en paysage de tout le village",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Quelle photo répond le mieux à la question de l’acheteur « comment est-ce emballé ? »"
                            ),
                            "explanation": (
                                "Montrer le sachet sous vide et le carton isotherme indique à l’acheteur comment le "
                                "produit voyage."
                            ),
                            "choices": [
                                {
                                    "text": "Un gros plan de la tranche",
                                    "correct": False,
                                },
                                {
                                    "text": "Un bol de tofu de riz cuisiné",
                                    "correct": False,
                                },
                                {
                                    "text": "Le sachet sous vide et le carton isotherme avec un pain de glace",
                                    "correct": True,
                                },
                                {
                                    "text": "Le tofu de riz en cubes sur une assiette blanche",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Pourquoi garder la même planche, la même lumière et le même angle pour tous vos "
                                "produits ?"
                            ),
                            "explanation": (
                                "Un style cohérent donne à une petite boutique de village un air professionnel et "
                                "digne de confiance."
                            ),
                            "choices": [
                                {
                                    "text": "Une boutique cohérente paraît professionnelle et digne de confiance",
                                    "correct": True,
                                },
                                {
                                    "text": "Les plateformes refusent les boutiques aux fonds différents",
                                    "correct": False,
                                },
                                {
                                    "text": "Les photos se chargent plus vite",
                                    "correct": False,
                                },
                                {
                                    "text": "Cela cache les différences entre les produits",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Des titres et des descriptions fidèles au colis",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "La photo donne envie de toucher l’annonce ; le titre et la description font payer l’acheteur, et "
                    "décident s’il reviendra. Rédigez-les pour que le colis reçu soit exactement ce qui a été promis.\n"
                    "\n"
                    "**Le titre.** Mettez d’abord les mots que les acheteurs tapent vraiment : le produit, le lieu, la "
                    "qualité principale, la quantité. Par exemple : « Chou fermenté de Xifeng (Guizhou), fermentation "
                    "fermière, 1,5 kg ». Évitez les mots que vous ne pouvez pas prouver, comme « le meilleur de Chine "
                    "» ou « guérit les maladies ». Les plateformes interdisent les allégations exagérées et médicales "
                    "pour les aliments, et les acheteurs les signalent.\n"
                    "\n"
                    "**Les informations clés de la description.** Donnez-les simplement :\n"
                    "- le poids net, et si la saumure est comprise (par exemple 1,5 kg net, égoutté) ;\n"
                    "- les ingrédients, y compris le sel et le piment ;\n"
                    "- la fabrication et la date d’emballage ;\n"
                    "- la conservation et la durée de conservation (à garder au réfrigérateur, à consommer dans les 30 "
                    "jours après ouverture) ;\n"
                    "- le mode d’expédition et le délai de livraison habituel.\n"
                    "\n"
                    "**Dites la vérité sur les variations.** Les produits faits maison changent d’un lot à l’autre. Si "
                    "la couleur change, dites-le. Si les piments sont triés à la main et de tailles différentes, "
                    "dites-le. Un acheteur prévenu l’accepte ; un acheteur surpris demande un remboursement et laisse "
                    "une étoile.\n"
                    "\n"
                    "**Montrez comment l’utiliser.** Beaucoup d’acheteurs des villes ne savent pas cuisiner la soupe "
                    "aigre ou le tofu de riz. Deux ou trois lignes de conseils, comme « faire bouillir 20 minutes avec "
                    "des travers de porc », et une photo du plat terminé font plus vendre que des adjectifs.\n"
                    "\n"
                    "**Vérifiez avant de publier.** Lisez l’annonce sur votre téléphone comme le ferait un acheteur. "
                    "Le poids du titre correspond-il à la photo sur la balance et à la description ? Le prix est-il "
                    "pour une portion ou pour deux ? Demandez à un ami de la lire et de vous dire ce qu’il pense "
                    "recevoir. S’il hésite, réécrivez-la."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Quel titre suit les conseils de cette leçon ?",
                            "explanation": (
                                "Un bon titre donne le produit, le lieu, la qualité et la quantité, sans allégations "
                                "impossibles à prouver."
                            ),
                            "choices": [
                                {
                                    "text": "Le meilleur chou fermenté de Chine, guérit les maux d’estomac",
                                    "correct": False,
                                },
                                {
                                    "text": "Très bon produit !! Achetez vite !!",
                                    "correct": False,
                                },
                                {
                                    "text": "Chou",
                                    "correct": False,
                                },
                                {
                                    "text": "Chou fermenté de Xifeng (Guizhou), fermentation fermière, 1,5 kg",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Les piments de votre lot sont de tailles différentes. Que faire ?",
                            "explanation": (
                                "Les acheteurs prévenus des variations naturelles les acceptent ; les acheteurs "
                                "surpris demandent un remboursement."
                            ),
                            "choices": [
                                {
                                    "text": "Montrer seulement les plus gros piments et ne rien dire",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Indiquer dans la description que les tailles varient parce qu’ils sont triés "
                                        "à la main"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Retirer le poids de l’annonce",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi ajouter deux ou trois lignes de conseils de cuisine à une annonce ?",
                            "explanation": (
                                "Les acheteurs des villes ne savent souvent pas cuisiner une spécialité du village, et "
                                "des conseils simples les aident à l’acheter."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Les acheteurs des villes ne savent pas toujours utiliser le produit, et des "
                                        "conseils clairs aident à le vendre"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Les plateformes exigent une recette pour chaque aliment",
                                    "correct": False,
                                },
                                {
                                    "text": "Cela permet de ne pas indiquer le poids net",
                                    "correct": False,
                                },
                                {
                                    "text": "Cela remplace les informations de conservation",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "communication-public-relations",
        "title": "Communication et relations publiques",
        "summary": (
            "Comment parler avec les acheteurs avant et après la vente, traiter calmement les réclamations et les "
            "mauvais avis, et raconter honnêtement l’histoire de votre village aux journalistes, aux responsables et "
            "au public."
        ),
        "audience": "rural_youth",
        "level": "beginner",
        "language": "fr",
        "lessons": [
            {
                "title": "Répondre aux acheteurs : vite, poliment et avec précision",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Beaucoup d’acheteurs en ligne posent une question avant de payer : Est-ce pimenté ? Quand sera-ce "
                    "expédié ? Est-ce que ça arrivera à Harbin sans s’abîmer ? Une réponse claire en quelques heures "
                    "décide souvent de la vente. Un acheteur qui attend une journée entière a généralement déjà acheté "
                    "ailleurs.\n"
                    "\n"
                    "**Soyez joignable.** Activez les notifications de l’application vendeur. Décidez qui répond quand "
                    "vous êtes aux champs ou au marché : une sœur, un cousin, l’exploitant du point de service. Visez "
                    "une réponse en quelques heures dans la journée. La nuit, laissez la réponse automatique dire "
                    "quand vous répondrez : « Merci pour votre message. Nous cueillons les piments aujourd’hui et vous "
                    "répondrons avant 20 h. »\n"
                    "\n"
                    "**Soyez poli et précis.** Saluez l’acheteur, répondez à sa vraie question et donnez des chiffres "
                    "plutôt que des mots vagues.\n"
                    "- Pas : « Assez pimenté, expédié bientôt. »\n"
                    "- Mieux : « Bonjour ! Cette soupe aigre est moyennement pimentée : nous mettons un piment séché "
                    "par portion. Les commandes payées avant 15 h partent le lendemain matin, et les colis arrivent en "
                    "général au Jiangsu en 3 à 4 jours. »\n"
                    "\n"
                    "**Ne promettez jamais ce que vous ne pouvez pas tenir.** Si le transporteur ne passe que le mardi "
                    "et le vendredi, dites-le. Si vous n’êtes pas sûr que le chou supporte 6 jours de chaleur d’été "
                    "jusqu’à Hainan, expliquez comment vous l’emballez et quel risque reste, et laissez l’acheteur "
                    "décider.\n"
                    "\n"
                    "**Gardez de bonnes réponses sous la main.** Écrivez une courte note avec vos réponses aux dix "
                    "questions les plus fréquentes : poids, goût, ingrédients, conservation, jours d’expédition, délai "
                    "de livraison, règles de remboursement. Copiez-les et adaptez-les, mais lisez toujours la question "
                    "d’abord : une réponse copiée qui ne correspond pas agace l’acheteur.\n"
                    "\n"
                    "**Restez respectueux, même si l’acheteur est impoli.** Vous représentez votre famille et votre "
                    "village. Ne vous disputez pas dans la messagerie : tout ce qui y est écrit peut être lu par la "
                    "plateforme en cas de litige."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "Un acheteur demande à 10 h si la soupe aigre est pimentée. Quel est votre objectif ?"
                            ),
                            "explanation": "Une réponse claire en quelques heures décide souvent de la vente.",
                            "choices": [
                                {
                                    "text": "Une réponse demain soir, après le marché",
                                    "correct": False,
                                },
                                {
                                    "text": "Pas de réponse : les acheteurs intéressés commanderont quand même",
                                    "correct": False,
                                },
                                {
                                    "text": "Une réponse claire en quelques heures",
                                    "correct": True,
                                },
                                {
                                    "text": "Une réponse seulement si l’acheteur a déjà payé",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Quelle réponse est la plus utile pour l’acheteur ?",
                            "explanation": (
                                "Des précisions sur le piquant et les délais d’expédition permettent à l’acheteur de "
                                "décider en confiance."
                            ),
                            "choices": [
                                {
                                    "text": "Assez pimenté, expédié bientôt",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Moyennement pimenté, un piment séché par portion ; les commandes payées avant "
                                        "15 h partent le lendemain matin"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Ça dépend",
                                    "correct": False,
                                },
                                {
                                    "text": "Tout le monde aime",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi éviter de vous disputer avec un acheteur impoli dans la messagerie ?",
                            "explanation": (
                                "La plateforme peut lire la messagerie en cas de litige, et vous représentez votre "
                                "famille et votre village."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "La plateforme peut lire la messagerie en cas de litige, et vous représentez "
                                        "votre village"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "La plateforme efface les messages au bout d’une heure",
                                    "correct": False,
                                },
                                {
                                    "text": "Les acheteurs impolis ne peuvent pas laisser d’avis",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Réclamations, remboursements et mauvais avis",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Même les vendeurs soigneux reçoivent des réclamations : un sachet qui fuit, un colis en retard, "
                    "un acheteur qui attendait un autre goût. Votre réponse compte plus que le problème lui-même. Une "
                    "réclamation bien traitée donne souvent un client fidèle ; une réclamation ignorée devient un avis "
                    "à une étoile que tous les futurs acheteurs liront.\n"
                    "\n"
                    "**Suivez quatre étapes.**\n"
                    "1. Remercier et s’excuser : « Nous sommes désolés que le sachet ait fui. Merci de nous l’avoir "
                    "signalé. »\n"
                    "2. Demander les faits : une photo du colis et du produit, et le numéro de commande.\n"
                    "3. Proposer vite une solution juste : un remboursement, un remplacement, ou un remboursement "
                    "partiel si seule une partie est abîmée.\n"
                    "4. Corriger la cause : un sachet plus solide, une double soudure, un autre transporteur.\n"
                    "\n"
                    "**Soyez juste avec les chiffres.** Si un acheteur a payé 39,90 yuans pour 1,5 kg de chou fermenté "
                    "en trois sachets de 500 g et qu’un sachet est arrivé percé, rembourser un tiers, soit 13,30 "
                    "yuans, est raisonnable. Envoyer un remplacement peut coûter plus cher en frais de transport que "
                    "le remboursement : comparez avant de choisir.\n"
                    "\n"
                    "**Respectez les règles de la plateforme.** Les plateformes ont des règles de retour et de "
                    "remboursement, et certains aliments ne peuvent pas être retournés une fois ouverts. Lisez-les "
                    "dans votre espace vendeur. Traitez chaque cas dans le système de commandes de la plateforme, pas "
                    "par virement privé, pour qu’il en reste une trace.\n"
                    "\n"
                    "**Répondre à un mauvais avis.** Répondez publiquement, brièvement et calmement, sans accuser "
                    "l’acheteur. Par exemple : « Nous sommes désolés pour le sachet qui a fui. Nous avons remboursé la "
                    "partie abîmée et nous soudons désormais chaque sachet deux fois. » Les futurs acheteurs le lisent "
                    "et voient un vendeur responsable.\n"
                    "\n"
                    "**N’achetez jamais d’avis et ne faites jamais pression sur les acheteurs.** Payer des éloges, ou "
                    "offrir de l’argent pour faire supprimer un avis, enfreint les règles des plateformes et peut "
                    "faire fermer votre boutique. Cela fait aussi baisser vos points de respectabilité dans Taocun, "
                    "qui reposent sur un commerce honnête.\n"
                    "\n"
                    "Tenez un cahier des réclamations : date, commande, problème, solution, coût. Au bout d’un mois, "
                    "vous verrez quel problème revient et où améliorer en premier."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Quelle est la première étape quand un acheteur se plaint ?",
                            "explanation": (
                                "Remercier l’acheteur et s’excuser apaise la situation avant d’examiner les faits."
                            ),
                            "choices": [
                                {
                                    "text": "Demander à l’acheteur de supprimer son avis",
                                    "correct": False,
                                },
                                {
                                    "text": "Remercier l’acheteur et s’excuser",
                                    "correct": True,
                                },
                                {
                                    "text": "Bloquer l’acheteur",
                                    "correct": False,
                                },
                                {
                                    "text": "Expliquer que c’est la faute du transporteur",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Un acheteur a payé 39,90 yuans pour trois sachets de 500 g et un sachet est arrivé "
                                "percé. Quel remboursement partiel la leçon propose-t-elle ?"
                            ),
                            "explanation": "Un sachet représente un tiers de la commande, et 39,90 / 3 = 13,30 yuans.",
                            "choices": [
                                {
                                    "text": "39,90 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "3,99 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "20,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "13,30 yuans",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Pourquoi traiter les remboursements dans le système de commandes de la plateforme ?"
                            ),
                            "explanation": (
                                "Traiter le cas dans la plateforme laisse une trace qui protège l’acheteur comme le "
                                "vendeur."
                            ),
                            "choices": [
                                {
                                    "text": "Pour qu’il reste une trace du cas",
                                    "correct": True,
                                },
                                {
                                    "text": "Parce que les virements privés sont plus rapides",
                                    "correct": False,
                                },
                                {
                                    "text": "Pour que l’acheteur paie le transport",
                                    "correct": False,
                                },
                                {
                                    "text": "Parce que cela cache le remboursement à vos points de respectabilité",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Raconter l’histoire de votre village au public",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Les relations publiques, c’est la façon dont les gens de l’extérieur voient votre boutique et "
                    "votre village : journalistes, responsables du district, coopératives, et des milliers d’acheteurs "
                    "qui ne viendront jamais. Un village qui a une histoire claire et vraie attire des commandes, des "
                    "visiteurs et des partenaires.\n"
                    "\n"
                    "**Trouvez la vraie histoire.** Les bonnes histoires sont concrètes. Au village de Libei, dans le "
                    "district de Xifeng, une entreprise expédie plus de 30 sortes de produits agricoles, et en un an "
                    "les ventes en ligne du village ont atteint 65,7098 millions de yuans, en hausse de 56,74 %. Cette "
                    "histoire a des personnes, des produits et des chiffres. La vôtre est peut-être plus modeste : "
                    "trois familles qui vendent 200 kg de chou fermenté par mois, ou une jeune femme revenue de la "
                    "ville pour ouvrir une boutique.\n"
                    "\n"
                    "**Préparez une fiche d’une page,** et tenez-la à jour :\n"
                    "- qui vous êtes, quel village et quel district ;\n"
                    "- ce que vous vendez et comment c’est fabriqué ;\n"
                    "- des chiffres que vous pouvez prouver : commandes par mois, familles concernées, provinces "
                    "atteintes ;\n"
                    "- une personne à contacter et son numéro de téléphone ;\n"
                    "- deux ou trois bonnes photos.\n"
                    "\n"
                    "**Parler à un journaliste ou à un responsable en visite.** Parlez simplement, donnez des exemples "
                    "et n’inventez jamais de chiffres. Si vous ne connaissez pas un chiffre, dites que vous allez "
                    "vérifier et l’envoyer. Demandez aux personnes que vous citez, surtout aux ménages les plus "
                    "pauvres, si elles acceptent d’être nommées ou photographiées.\n"
                    "\n"
                    "**Utilisez vos propres canaux.** La présentation de la boutique, un groupe WeChat de clients "
                    "fidèles, des vidéos courtes de la récolte : c’est aussi des relations publiques. Publiez "
                    "régulièrement, répondez aux commentaires et montrez le vrai travail ; les acheteurs aiment voir "
                    "les champs et la cuisine.\n"
                    "\n"
                    "**Quand quelque chose tourne mal.** Si un lot est gâté ou qu’une question de sécurité alimentaire "
                    "se pose, dites ce qui s’est passé, ce que vous avez fait et ce que vous avez changé. Cacher est "
                    "pire : dans un réseau de villages, les nouvelles vont vite, et un scandale peut nuire à toutes "
                    "les boutiques du village, pas seulement à la vôtre."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Laquelle de ces histoires de village est bonne et concrète ?",
                            "explanation": (
                                "Des chiffres réels sur des ventes réelles rendent une histoire crédible et digne "
                                "d’être racontée."
                            ),
                            "choices": [
                                {
                                    "text": "Notre village est le meilleur de Chine",
                                    "correct": False,
                                },
                                {
                                    "text": "Tout le monde ici est très heureux",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Les ventes en ligne du village de Libei ont atteint 65,7098 millions de yuans "
                                        "en un an, en hausse de 56,74 %"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Nos produits sont célèbres partout",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Un journaliste vous demande un chiffre que vous ne connaissez pas. Que faire ?",
                            "explanation": (
                                "N’inventez jamais de chiffres ; vérifier et envoyer le chiffre plus tard garde votre "
                                "parole fiable."
                            ),
                            "choices": [
                                {
                                    "text": "Donner une estimation au hasard pour que l’article soit beau",
                                    "correct": False,
                                },
                                {
                                    "text": "Refuser de parler au journaliste",
                                    "correct": False,
                                },
                                {
                                    "text": "Dire que vous allez vérifier et l’envoyer plus tard",
                                    "correct": True,
                                },
                                {
                                    "text": "Donner plutôt le total du district",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Avant de nommer un ménage pauvre dans votre histoire, vous devez…",
                            "explanation": "Chacun a le droit de décider s’il est nommé ou photographié.",
                            "choices": [
                                {
                                    "text": "lui demander s’il accepte d’être nommé ou photographié",
                                    "correct": True,
                                },
                                {
                                    "text": "demander l’autorisation au district seulement",
                                    "correct": False,
                                },
                                {
                                    "text": "utiliser un faux nom sans le lui dire",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "market-research",
        "title": "Étude de marché",
        "summary": (
            "Découvrez ce que les acheteurs veulent vraiment avant de le produire ou de l’emballer : lisez les mots de "
            "recherche, les concurrents et vos propres données de commandes, et planifiez vos stocks pour que les "
            "articles les plus demandés ne manquent jamais."
        ),
        "audience": "rural_youth",
        "level": "intermediate",
        "language": "fr",
        "lessons": [
            {
                "title": "Qui achète, et que cherche-t-il ?",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "L’étude de marché consiste à réunir des faits sur les acheteurs et les concurrents avant de "
                    "décider quoi fabriquer, combien emballer et quel prix demander. Il coûte moins cher d’apprendre "
                    "des données que d’une réserve pleine de bocaux invendus.\n"
                    "\n"
                    "Commencez par trois questions.\n"
                    "- **Qui achète ?** Des familles des villes qui regrettent le goût du pays, des employés de bureau "
                    "qui veulent des repas rapides, de petits restaurants, des acheteurs de cadeaux pendant les "
                    "fêtes.\n"
                    "- **Que cherchent-ils ?** Tapez votre produit dans la barre de recherche de la plateforme et "
                    "notez les mots suggérés qui apparaissent : « chou fermenté Guizhou », « base de fondue soupe "
                    "aigre », « petit format », « sans additifs ». Ces suggestions viennent de ce que tapent beaucoup "
                    "de gens.\n"
                    "- **Qui d’autre le vend ?** Regardez les 20 premières boutiques des résultats. Pour chacune, "
                    "notez le prix, le poids, le prix pour 500 g, les ventes mensuelles affichées, le style de la "
                    "photo principale et les plaintes dans les avis.\n"
                    "\n"
                    "Mettez vos notes dans un tableau simple. Vous verrez peut-être, par exemple, que la plupart des "
                    "paquets de 1,5 kg de chou fermenté se vendent entre 29 et 45 yuans, que les acheteurs louent le "
                    "côté « croquant » et se plaignent de « trop salé » et de « sachets qui fuient ». Cela vous "
                    "apprend trois choses d’un coup : une fourchette de prix raisonnable, une qualité à mettre en "
                    "avant (le croquant) et deux problèmes à éviter (le sel et les fuites).\n"
                    "\n"
                    "**Lisez attentivement les mauvais avis des concurrents.** C’est une étude de marché gratuite. "
                    "Chaque plainte répétée est une occasion : si les acheteurs disent que les paquets sont trop "
                    "grands pour une petite famille, essayez un paquet de 500 g.\n"
                    "\n"
                    "**Parlez à de vrais acheteurs.** Demandez aux clients fidèles de votre groupe WeChat ce qu’ils "
                    "aimeraient : un plus petit format, un coffret cadeau assorti, moins de piment. Cinq réponses "
                    "sincères valent mieux que cent suppositions.\n"
                    "\n"
                    "Notez ce que vous apprenez, avec la date. Les marchés changent avec les saisons et les fêtes : "
                    "refaites cette étude tous les quelques mois."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Où apprendre, à peu de frais, les mots qu’utilisent les acheteurs ?",
                            "explanation": (
                                "Les suggestions de recherche viennent de ce que tapent beaucoup d’acheteurs : elles "
                                "montrent les mots qui comptent."
                            ),
                            "choices": [
                                {
                                    "text": "L’annuaire téléphonique du district",
                                    "correct": False,
                                },
                                {
                                    "text": "Un journal de l’an dernier",
                                    "correct": False,
                                },
                                {
                                    "text": "Vos propres étiquettes de produits",
                                    "correct": False,
                                },
                                {
                                    "text": "Les mots suggérés dans la barre de recherche de la plateforme",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Les avis des concurrents disent souvent « trop salé ». Qu’est-ce que cela vous "
                                "apprend ?"
                            ),
                            "explanation": (
                                "Une plainte répétée chez les concurrents est un problème à éviter et une chance de "
                                "faire ressortir votre produit."
                            ),
                            "choices": [
                                {
                                    "text": "Les acheteurs préfèrent les aliments salés",
                                    "correct": False,
                                },
                                {
                                    "text": "C’est un problème à éviter et une occasion pour votre produit",
                                    "correct": True,
                                },
                                {
                                    "text": "Vous devez augmenter votre prix",
                                    "correct": False,
                                },
                                {
                                    "text": "Rien d’utile : les avis sont dus au hasard",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi refaire l’étude de marché tous les quelques mois ?",
                            "explanation": (
                                "La demande change avec les saisons et les fêtes, et les anciens résultats se périment."
                            ),
                            "choices": [
                                {
                                    "text": "Les marchés changent avec les saisons et les fêtes",
                                    "correct": True,
                                },
                                {
                                    "text": "Les plateformes suppriment les anciennes annonces chaque mois",
                                    "correct": False,
                                },
                                {
                                    "text": "Une étude n’est valable qu’une semaine",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Lire vos propres données de vente",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Après quelques semaines de ventes, les données de votre boutique sont l’étude la plus précieuse "
                    "que vous ayez. Les espaces vendeurs des grandes plateformes montrent les visiteurs, les "
                    "commandes, les meilleures ventes et l’origine des acheteurs. Apprenez à lire quatre choses.\n"
                    "\n"
                    "**Les visiteurs.** Le nombre de personnes qui ont ouvert la page de votre produit. Peu de "
                    "visiteurs veut dire que les acheteurs ne vous trouvent pas : améliorez les mots du titre et "
                    "l’image principale.\n"
                    "\n"
                    "**Le taux de conversion.** Les commandes divisées par les visiteurs. Si 400 personnes ont visité "
                    "la page de votre tofu de riz cette semaine et que 12 ont commandé, la conversion est de 12 / 400 "
                    "= 3 %. Beaucoup de visiteurs mais peu de commandes veut dire que quelque chose sur la page fait "
                    "fuir les acheteurs : le prix, les photos, le délai d’expédition ou les avis.\n"
                    "\n"
                    "**Les meilleures ventes.** Classez vos produits selon les commandes des 30 derniers jours. En "
                    "général, quelques articles font l’essentiel des ventes. Si le chou fermenté et la soupe aigre "
                    "font 80 % de vos commandes, mettez-y d’abord vos efforts et votre stock.\n"
                    "\n"
                    "**Les régions et les clients fidèles.** De quelles provinces viennent les commandes ? S’il en "
                    "vient beaucoup du Jiangsu et du Zhejiang, choisissez un transporteur rapide vers l’est et "
                    "vérifiez les délais de livraison là-bas. Les acheteurs qui commandent une deuxième fois vous "
                    "disent que le produit est le bon.\n"
                    "\n"
                    "Tenez un relevé chaque semaine dans un cahier ou un tableur :\n"
                    "- la date ;\n"
                    "- les visiteurs, les commandes et la conversion de chaque produit principal ;\n"
                    "- les ventes en yuans ;\n"
                    "- le stock restant.\n"
                    "\n"
                    "Exemple : la semaine 1, la soupe aigre a eu 300 visiteurs et 6 commandes, soit une conversion de "
                    "2 %. Vous avez remplacé la photo principale par un bol de soupe fumant. La semaine 2, elle a eu "
                    "320 visiteurs et 16 commandes, soit 5 %. La nouvelle photo a marché : gardez-la, et essayez la "
                    "même idée sur d’autres produits.\n"
                    "\n"
                    "Changez une seule chose à la fois, que ce soit le prix, la photo ou le titre, et comparez la "
                    "semaine d’avant avec la semaine d’après. Si vous changez tout en même temps, vous ne saurez pas "
                    "ce qui a aidé."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "400 personnes ont visité votre page et 12 ont commandé. Quel est le taux de "
                                "conversion ?"
                            ),
                            "explanation": (
                                "La conversion, c’est les commandes divisées par les visiteurs : 12 / 400 = 3 %."
                            ),
                            "choices": [
                                {
                                    "text": "12 %",
                                    "correct": False,
                                },
                                {
                                    "text": "33 %",
                                    "correct": False,
                                },
                                {
                                    "text": "3 %",
                                    "correct": True,
                                },
                                {
                                    "text": "0,3 %",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Beaucoup de visiteurs mais très peu de commandes, cela veut généralement dire que…"
                            ),
                            "explanation": (
                                "Les acheteurs ont trouvé la page, mais quelque chose dessus, comme le prix, les "
                                "photos ou les avis, les a empêchés de commander."
                            ),
                            "choices": [
                                {
                                    "text": "les acheteurs ne trouvent pas votre boutique",
                                    "correct": False,
                                },
                                {
                                    "text": "quelque chose sur la page du produit fait fuir les acheteurs",
                                    "correct": True,
                                },
                                {
                                    "text": "votre transporteur est trop rapide",
                                    "correct": False,
                                },
                                {
                                    "text": "la plateforme est fermée",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi ne changer qu’une seule chose à la fois ?",
                            "explanation": (
                                "Changer une seule chose permet de voir quel changement a fait varier les commandes."
                            ),
                            "choices": [
                                {
                                    "text": "Pour savoir quel changement a fait la différence",
                                    "correct": True,
                                },
                                {
                                    "text": "Les plateformes n’autorisent qu’un changement par mois",
                                    "correct": False,
                                },
                                {
                                    "text": "Changer les photos efface vos avis",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Les articles les plus demandés et les ruptures de stock",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Un épicier du Zhejiang a raconté aux journalistes que ses produits étaient sans cesse en rupture "
                    "de stock ; les données sur les articles les plus demandés lui permettent désormais de commander "
                    "directement et à temps. Pour un vendeur de village, la leçon est la même. Être à court de votre "
                    "meilleur produit fait perdre des ventes, fait reculer votre annonce et envoie vos clients fidèles "
                    "chez les concurrents.\n"
                    "\n"
                    "**Connaissez vos ventes par jour.** Prenez les commandes de votre meilleur produit sur les 14 "
                    "derniers jours et divisez par 14. Si vous avez vendu 168 paquets de chou fermenté de 1,5 kg en 14 "
                    "jours : 168 / 14 = 12 paquets par jour.\n"
                    "\n"
                    "**Connaissez votre délai de production.** Combien de jours passent entre la décision de produire "
                    "et les paquets prêts à expédier ? La fermentation d’un nouveau lot de chou peut prendre 10 "
                    "jours.\n"
                    "\n"
                    "**Fixez un seuil de réapprovisionnement.** Seuil = ventes par jour x délai + stock de sécurité. "
                    "Avec 12 paquets par jour et 10 jours : 12 x 10 = 120 paquets. Ajoutez un stock de sécurité pour "
                    "les imprévus, par exemple 3 jours de ventes : 12 x 3 = 36 paquets. Quand le stock descend à 120 + "
                    "36 = 156 paquets, lancez un nouveau lot. Il vous reste alors 156 x 1,5 kg = 234 kg de chou en "
                    "stock au moment de commencer.\n"
                    "\n"
                    "**Surveillez le calendrier.** Avant le « Double 11 » ou la fête du Printemps, les ventes par jour "
                    "peuvent doubler ou tripler. Augmentez la production tôt, et vérifiez quand les transporteurs "
                    "arrêtent les enlèvements avant les congés.\n"
                    "\n"
                    "**Ne surproduisez pas non plus.** Les produits qui se conservent peu deviennent des pertes s’ils "
                    "ne se vendent pas. Fabriquer 60 jours de ventes d’un produit qui se garde 30 jours est une erreur "
                    "; des lots plus petits et plus fréquents sont plus sûrs.\n"
                    "\n"
                    "**Si vous êtes quand même en rupture,** indiquez dans l’annonce la vraie date de "
                    "réapprovisionnement, ou mettez-la en pause. N’acceptez jamais de commandes que vous ne pouvez pas "
                    "expédier dans le délai promis : les retards d’expédition entraînent des pénalités et font baisser "
                    "vos points de respectabilité."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Votre meilleur produit se vend à 12 paquets par jour, demande 10 jours de production, "
                                "et vous gardez 3 jours de stock de sécurité. Quel est le seuil de réapprovisionnement "
                                "?"
                            ),
                            "explanation": "Seuil = 12 x 10 + 12 x 3 = 120 + 36 = 156 paquets.",
                            "choices": [
                                {
                                    "text": "120 paquets",
                                    "correct": False,
                                },
                                {
                                    "text": "156 paquets",
                                    "correct": True,
                                },
                                {
                                    "text": "36 paquets",
                                    "correct": False,
                                },
                                {
                                    "text": "130 paquets",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi ne pas fabriquer 60 jours de ventes d’un produit qui se garde 30 jours ?",
                            "explanation": (
                                "Tout ce qui n’est pas vendu avant la fin de sa durée de conservation se gâte et "
                                "devient une perte."
                            ),
                            "choices": [
                                {
                                    "text": "Les invendus vont se gâter et devenir une perte",
                                    "correct": True,
                                },
                                {
                                    "text": "Les plateformes limitent le stock à 30 jours",
                                    "correct": False,
                                },
                                {
                                    "text": "Les transporteurs refusent les gros lots",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Votre meilleur produit est en rupture. Que faire de l’annonce ?",
                            "explanation": (
                                "Accepter des commandes que vous ne pouvez pas expédier à temps entraîne des pénalités "
                                "et fait baisser vos points."
                            ),
                            "choices": [
                                {
                                    "text": "Indiquer la vraie date de réapprovisionnement ou la mettre en pause",
                                    "correct": True,
                                },
                                {
                                    "text": "Continuer à accepter des commandes et expédier quand vous pourrez",
                                    "correct": False,
                                },
                                {
                                    "text": "Supprimer l’annonce et ses avis",
                                    "correct": False,
                                },
                                {
                                    "text": "Remplacer les photos par celles d’un autre produit",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "online-product-development",
        "title": "Développer des produits pour la vente en ligne",
        "summary": (
            "Transformer les récoltes brutes en produits qu’on peut mettre en ligne, expédier et commander à nouveau : "
            "des unités sensées, des calibres réguliers, un emballage qui résiste au voyage et une durée de "
            "conservation connue, avec un prix qui fait gagner de l’argent à chaque commande."
        ),
        "audience": "rural_youth",
        "level": "intermediate",
        "language": "fr",
        "lessons": [
            {
                "title": "Du panier de légumes au produit : unités et portions",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Au marché du village, l’acheteur montre un panier et vous pesez ce qu’il veut. En ligne, "
                    "l’acheteur doit choisir parmi des options fixes avant de voir quoi que ce soit. Développer un "
                    "produit en ligne commence par décider exactement ce qu’est une unité.\n"
                    "\n"
                    "**Choisissez des unités que les acheteurs comprennent.** Le poids est le plus clair pour les "
                    "aliments : 500 g, 1,5 kg, 2,5 kg. Les portions conviennent aux plats à cuisiner : « 2 portions de "
                    "soupe aigre, chacune pour 3 à 4 personnes ». Le nombre convient aux œufs ou aux gâteaux : « 30 "
                    "œufs », « 10 gâteaux de riz gluant ». Indiquez toujours le poids net, sans emballage ni saumure.\n"
                    "\n"
                    "**Proposez peu d’options.** Deux ou trois formats suffisent : un format découverte, un format "
                    "familial et peut-être un coffret cadeau. Trop d’options embrouillent les acheteurs et compliquent "
                    "la gestion du stock. Pour le chou fermenté, par exemple :\n"
                    "- paquet découverte de 500 g ;\n"
                    "- paquet familial de 1,5 kg (trois sachets de 500 g) ;\n"
                    "- paquet restaurant de 2,5 kg.\n"
                    "\n"
                    "Emballer 1,5 kg en trois sachets de 500 g vaut généralement mieux qu’un seul gros sachet. Chaque "
                    "sachet est ouvert séparément, donc le reste reste frais, et si un sachet fuit, la commande "
                    "entière n’est pas perdue.\n"
                    "\n"
                    "**Pesez chaque paquet.** Utilisez une balance de cuisine précise à 5 g au moins, et vérifiez-la "
                    "chaque matin avec un poids connu, comme un paquet de sel fermé de 500 g. Mettez un peu plus que "
                    "le poids annoncé, par exemple 505 g pour 500 g, pour que l’égouttage ne le fasse pas passer en "
                    "dessous. Le poids insuffisant est l’une des plaintes les plus fréquentes.\n"
                    "\n"
                    "**Calculez le coût d’une unité avant de fixer un prix.** Pour le paquet familial de 1,5 kg : "
                    "chou, sel et piment 9,00 yuans ; trois sachets sous vide 1,20 yuan ; carton et pain de glace 3,80 "
                    "yuans ; transporteur 8,00 yuans. Coût total : 22,00 yuans. Vendu 39,90 yuans, un paquet laisse "
                    "17,90 yuans avant les frais de plateforme et votre propre travail. Si c’est trop peu pour le "
                    "travail fourni, changez l’unité, l’emballage ou le prix, jamais le poids."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Pourquoi emballer une commande de 1,5 kg en trois sachets de 500 g ?",
                            "explanation": (
                                "Des sachets séparés gardent frais les aliments non ouverts et limitent les dégâts si "
                                "un sachet fuit."
                            ),
                            "choices": [
                                {
                                    "text": "Les transporteurs font payer moins cher pour trois sachets",
                                    "correct": False,
                                },
                                {
                                    "text": "Cela réduit le poids net",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Chaque sachet est ouvert séparément, et une fuite ne gâche pas toute la "
                                        "commande"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Les plateformes exigent des sachets d’exactement 500 g",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Dans l’exemple, quel est le coût total d’un paquet familial de 1,5 kg ?",
                            "explanation": "9,00 + 1,20 + 3,80 + 8,00 = 22,00 yuans.",
                            "choices": [
                                {
                                    "text": "17,90 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "39,90 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "22,00 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "14,00 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Comment vérifier votre balance de cuisine chaque matin ?",
                            "explanation": "Peser un poids connu montre tout de suite si la balance indique juste.",
                            "choices": [
                                {
                                    "text": "Peser un poids connu, comme un paquet de sel fermé de 500 g",
                                    "correct": True,
                                },
                                {
                                    "text": "Demander à un acheteur de confirmer le poids",
                                    "correct": False,
                                },
                                {
                                    "text": "La comparer à la balance du transporteur une fois par an",
                                    "correct": False,
                                },
                                {
                                    "text": "Une balance n’a jamais besoin d’être vérifiée",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Le calibrage : des colis toujours pareils",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Les acheteurs qui commandent à nouveau s’attendent à ce que le deuxième colis soit aussi bon que "
                    "le premier. À la maison, un panier de piments peut être mélangé : gros et petits, rouges et "
                    "verts, certains tachés. En ligne, il vous faut des calibres, des règles claires qui disent ce qui "
                    "va dans quel produit.\n"
                    "\n"
                    "**Écrivez des règles de calibrage simples.** Pour les piments verts, par exemple :\n"
                    "- Catégorie A : 10 à 14 cm de long, fermes, vert vif, sans taches ni fissures ;\n"
                    "- Catégorie B : plus petits ou courbés, petites marques en surface, sains à l’intérieur ;\n"
                    "- invendables : mous, pourris ou percés par des insectes.\n"
                    "\n"
                    "La catégorie A va dans l’annonce principale et les coffrets cadeaux. La catégorie B peut se "
                    "vendre en paquet « cuisine maison » moins cher, clairement décrit, ou être transformée en sauce "
                    "pimentée. Rien du dernier groupe n’est expédié.\n"
                    "\n"
                    "**Formez tous ceux qui emballent.** Si trois familles approvisionnent la boutique, montrez les "
                    "règles à chaque personne avec de vrais piments sur la table : celui-ci A, celui-ci B, celui-ci "
                    "dehors. Affichez une planche de photos au mur de la salle d’emballage.\n"
                    "\n"
                    "**Calibrez aussi les produits transformés.** Pour le chou fermenté ou le tofu de riz, contrôlez "
                    "la couleur, l’odeur, la texture et le sel de chaque lot, et goûtez un échantillon de chaque jarre "
                    "avant d’emballer. Écrivez la date du lot sur chaque sachet.\n"
                    "\n"
                    "**Tenez un registre des lots.** Une ligne par lot dans un cahier : date de fabrication, famille "
                    "fournisseuse, quantité, catégorie, date d’emballage. Si un acheteur se plaint d’une odeur aigre, "
                    "vous retrouvez le lot, vous vérifiez les autres commandes qui en viennent et, si besoin, vous "
                    "arrêtez de l’expédier.\n"
                    "\n"
                    "**Ne cachez jamais une catégorie inférieure sous une meilleure.** Mettre les beaux piments dessus "
                    "et les mauvais dessous, c’est tricher. Les acheteurs photographient ce qu’ils trouvent, les "
                    "plateformes sanctionnent, et la note de votre boutique comme vos points de respectabilité "
                    "baissent. Une catégorie B honnête à prix plus bas est un bon produit ; une catégorie B déguisée "
                    "est une réclamation.\n"
                    "\n"
                    "Les catégories aident aussi pour les prix : les piments de catégorie A peuvent se vendre 15,80 "
                    "yuans les 500 g et ceux de catégorie B 9,90 yuans, ce qui fait perdre moins de récolte."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Selon les règles de l’exemple, un piment mou percé par des insectes est…",
                            "explanation": (
                                "Les piments mous, pourris ou abîmés par les insectes ne sont jamais expédiés."
                            ),
                            "choices": [
                                {
                                    "text": "de catégorie A",
                                    "correct": False,
                                },
                                {
                                    "text": "de catégorie B",
                                    "correct": False,
                                },
                                {
                                    "text": "à mettre dans les coffrets cadeaux",
                                    "correct": False,
                                },
                                {
                                    "text": "invendable",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi écrire la date du lot sur chaque sachet ?",
                            "explanation": (
                                "La date du lot permet de relier une réclamation à son lot et de vérifier les autres "
                                "commandes qui en viennent."
                            ),
                            "choices": [
                                {
                                    "text": "Parce que les acheteurs aiment les chiffres",
                                    "correct": False,
                                },
                                {
                                    "text": "Pour relier une réclamation à son lot et vérifier les autres commandes",
                                    "correct": True,
                                },
                                {
                                    "text": "Pour que le transporteur livre plus vite",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Comment vendre les piments de catégorie B ?",
                            "explanation": (
                                "La catégorie B est un bon produit quand elle est décrite honnêtement et vendue moins "
                                "cher."
                            ),
                            "choices": [
                                {
                                    "text": "En paquet « cuisine maison » moins cher et clairement décrit",
                                    "correct": True,
                                },
                                {
                                    "text": "Cachés sous des piments de catégorie A",
                                    "correct": False,
                                },
                                {
                                    "text": "Au prix de la catégorie A",
                                    "correct": False,
                                },
                                {
                                    "text": "Mélangés au hasard dans toutes les commandes",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Un emballage qui résiste au voyage",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Un colis qui part d’un village du Guizhou vers le Jiangsu peut être jeté, empilé sous des cartons "
                    "lourds et laissé des jours dans une camionnette chaude. L’emballage doit protéger le produit, le "
                    "garder sain et le faire arriver propre.\n"
                    "\n"
                    "**Utilisez trois couches.**\n"
                    "1. La couche intérieure touche l’aliment : sachets sous vide de qualité alimentaire, ou bocaux "
                    "bien fermés. Soudez deux fois les liquides. Ne laissez pas d’air dans les sachets sous vide, pour "
                    "que les légumes fermentés ne continuent pas à fermenter pendant le trajet.\n"
                    "2. La couche du milieu protège : un sac plastique autour de tous les sachets, pour qu’une fuite "
                    "ne trempe pas tout le carton ; de la mousse ou du papier pour combler les vides ; un pain de "
                    "glace en été pour les produits frais.\n"
                    "3. La couche extérieure est un carton solide, pas un carton réutilisé imprimé d’autres marques. "
                    "Scotchez toutes les arêtes.\n"
                    "\n"
                    "**Testez avant de vendre.** Emballez un colis, secouez-le fort, laissez-le tomber par terre de la "
                    "hauteur d’une table, et laissez-le à l’envers toute une nuit. Si quelque chose fuit ou casse, "
                    "améliorez l’emballage. Mieux encore, envoyez des colis d’essai à des proches dans deux provinces "
                    "lointaines et demandez-leur de photographier ce qui arrive.\n"
                    "\n"
                    "**Étiquetez clairement.** Sur le sachet ou sur une carte à l’intérieur : nom du produit, poids "
                    "net, ingrédients, date d’emballage, conseils de conservation, nom de la boutique et téléphone. "
                    "Les producteurs enregistrés doivent suivre les règles d’étiquetage des denrées préemballées ; "
                    "demandez au centre de formation du district lesquelles s’appliquent à vous.\n"
                    "\n"
                    "**Surveillez le poids et la taille.** Les transporteurs facturent au poids et au volume. Un "
                    "carton trop grand coûte plus cher et laisse bouger le contenu. Pesez le colis emballé : si 1,5 kg "
                    "de chou devient un colis de 2,3 kg, voyez si un carton plus léger ou une mousse plus fine le "
                    "protège aussi bien pour moins cher.\n"
                    "\n"
                    "**Adaptez l’emballage à la saison.** En juillet, le tofu de riz frais peut demander un carton "
                    "isotherme et deux pains de glace, et vous pouvez arrêter de livrer les provinces très lointaines. "
                    "En hiver, un seul pain de glace peut suffire. Mettez l’annonce à jour chaque fois que vous "
                    "changez ce que vous expédiez."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "À quoi sert la couche du milieu ?",
                            "explanation": (
                                "La couche du milieu empêche une fuite de tremper le carton et protège les sachets "
                                "intérieurs."
                            ),
                            "choices": [
                                {
                                    "text": "À montrer le nom de la marque",
                                    "correct": False,
                                },
                                {
                                    "text": "À réduire le poids net",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "À empêcher un sachet qui fuit de tremper tout le carton, et à protéger le "
                                        "contenu"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "À remplacer le sachet sous vide",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Comment tester une méthode d’emballage avant de vendre ?",
                            "explanation": (
                                "Secouer, faire tomber et faire de vrais envois d’essai révèlent les emballages "
                                "fragiles avant les acheteurs."
                            ),
                            "choices": [
                                {
                                    "text": "Demander au transporteur de le manipuler avec soin",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Secouer et faire tomber un colis d’essai, puis envoyer des colis d’essai à "
                                        "des proches éloignés"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Prendre le plus grand carton possible",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi éviter les cartons trop grands ?",
                            "explanation": (
                                "Les transporteurs facturent au poids et au volume, et l’espace vide laisse bouger le "
                                "contenu."
                            ),
                            "choices": [
                                {
                                    "text": "Les transporteurs refusent les grands cartons",
                                    "correct": False,
                                },
                                {
                                    "text": "Les grands cartons font gâter les aliments plus vite",
                                    "correct": False,
                                },
                                {
                                    "text": "Les acheteurs ne peuvent pas ouvrir les grands cartons",
                                    "correct": False,
                                },
                                {
                                    "text": "Ils coûtent plus cher à expédier et laissent bouger le contenu",
                                    "correct": True,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Durée de conservation et sécurité alimentaire",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "La durée de conservation, c’est le temps pendant lequel un produit reste sain et bon à manger "
                    "dans les conditions de conservation indiquées. En ligne, elle décide jusqu’où vous pouvez "
                    "expédier, combien vous pouvez fabriquer d’un coup et ce que vous devez dire à l’acheteur.\n"
                    "\n"
                    "**Trouvez la vraie durée de conservation en testant.** Gardez des paquets témoins de chaque "
                    "nouvelle recette dans les conditions de l’acheteur : température ambiante pour les produits secs, "
                    "réfrigérateur pour les légumes fermentés. Ouvrez-en un tous les quelques jours et notez l’odeur, "
                    "la couleur, la texture et le goût. Si le chou fermenté sous vide reste bon au réfrigérateur mais "
                    "commence à ramollir au 50e jour, n’annoncez pas plus de 30 à 40 jours. Gardez une marge.\n"
                    "\n"
                    "**Comptez les jours tout au long du trajet.** Supposons que le tofu de riz se garde 7 jours au "
                    "frais. L’emballage et l’attente du transporteur prennent 1 jour, et la livraison au Zhejiang 3 "
                    "jours. Il reste alors à l’acheteur 7 - 1 - 3 = 3 jours pour le manger. C’est trop court pour un "
                    "achat serein : soit vous n’expédiez que vers les provinces plus proches, soit vous payez une "
                    "livraison plus rapide, soit vous mettez au point une version qui se garde plus longtemps.\n"
                    "\n"
                    "**Indiquez clairement la conservation,** dans l’annonce et sur le sachet : « À conserver au "
                    "réfrigérateur entre 0 et 4 °C. À consommer dans les 5 jours après ouverture. »\n"
                    "\n"
                    "**Gardez la cuisine propre.** Mains, couteaux et planches propres ; cheveux couverts ; aliments "
                    "crus et cuits séparés ; eau bouillie ou potable pour la saumure. Tenez les animaux et les "
                    "produits chimiques hors de la salle d’emballage. Ces règles simples évitent la plupart des "
                    "problèmes.\n"
                    "\n"
                    "**Les autorisations.** Vendre des aliments transformés en ligne demande en général une licence de "
                    "commerce alimentaire ou un enregistrement de petit atelier, selon la province et le produit, et "
                    "les plateformes la demandent quand vous mettez en ligne un aliment. Vérifiez les exigences auprès "
                    "du bureau de régulation du marché du district ou du centre de formation avant de commencer.\n"
                    "\n"
                    "**Dans le doute, jetez.** Un bocal qui sent mauvais ne doit pas être expédié. Une seule "
                    "intoxication alimentaire peut faire fermer votre boutique et abîmer la réputation de tout le "
                    "village."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Le tofu de riz se garde 7 jours au frais ; l’emballage prend 1 jour et la livraison 3 "
                                "jours. Combien de jours reste-t-il à l’acheteur ?"
                            ),
                            "explanation": "Il reste 7 - 1 - 3 = 3 jours après l’emballage et la livraison.",
                            "choices": [
                                {
                                    "text": "7 jours",
                                    "correct": False,
                                },
                                {
                                    "text": "3 jours",
                                    "correct": True,
                                },
                                {
                                    "text": "4 jours",
                                    "correct": False,
                                },
                                {
                                    "text": "10 jours",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Lors des tests, votre chou fermenté commence à ramollir au 50e jour. Quelle durée de "
                                "conservation annoncer ?"
                            ),
                            "explanation": (
                                "Annoncer moins que la limite testée garde une marge pour les réfrigérateurs moins "
                                "froids et les livraisons plus longues."
                            ),
                            "choices": [
                                {
                                    "text": "50 jours",
                                    "correct": False,
                                },
                                {
                                    "text": "60 jours, puisque les acheteurs le mangent vite",
                                    "correct": False,
                                },
                                {
                                    "text": "Aucune : les légumes fermentés n’ont pas besoin de durée de conservation",
                                    "correct": False,
                                },
                                {
                                    "text": "Environ 30 à 40 jours, en gardant une marge",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Avant de mettre en ligne un aliment transformé, vous devez…",
                            "explanation": (
                                "Les règles d’autorisation varient selon la province et le produit : vérifiez-les "
                                "avant de commencer à vendre."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "vérifier les autorisations nécessaires auprès du bureau de régulation du "
                                        "marché du district ou du centre de formation"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "attendre qu’un acheteur demande à voir une licence",
                                    "correct": False,
                                },
                                {
                                    "text": "le mettre dans une catégorie non alimentaire",
                                    "correct": False,
                                },
                                {
                                    "text": "utiliser la licence d’un voisin",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "branding",
        "title": "Créer une marque pour les produits de la ferme",
        "summary": (
            "Construire une marque dont les acheteurs se souviennent et à laquelle ils font confiance : trouver ce qui "
            "rend votre spécialité locale différente, raconter une histoire d’origine vraie, et concevoir un nom, une "
            "étiquette et un emballage qui la portent."
        ),
        "audience": "rural_youth",
        "level": "intermediate",
        "language": "fr",
        "lessons": [
            {
                "title": "Ce qui rend votre spécialité locale unique",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Des centaines de boutiques vendent du chou fermenté, de la sauce pimentée ou des gâteaux de riz "
                    "gluant. Une marque répond à la question de l’acheteur : pourquoi acheter celui-ci, et le racheter "
                    "? Pour les produits de la ferme, la réponse commence presque toujours par le lieu, les gens et la "
                    "méthode.\n"
                    "\n"
                    "**Listez ce qui est vraiment différent.** Asseyez-vous avec les familles qui produisent et notez "
                    "des faits, pas des slogans :\n"
                    "- le lieu : un village de montagne à 1 000 mètres, des nuits fraîches, l’eau de source ;\n"
                    "- la matière première : une variété locale de feuilles de moutarde, du riz des rizières en "
                    "terrasses ;\n"
                    "- la méthode : fermenté 15 jours en jarres de terre, sans conservateurs, coupé à la main ;\n"
                    "- les gens : la recette d’une grand-mère, une coopérative de 40 foyers ;\n"
                    "- l’usage : la soupe aigre que les familles d’ici mangent à chaque repas.\n"
                    "\n"
                    "**Choisissez une promesse principale.** Une marque ne peut pas tout dire. Choisissez le fait qui "
                    "compte le plus pour les acheteurs et que les concurrents ne peuvent pas copier facilement. Votre "
                    "étude de marché vous aide : si dans votre catégorie les avis se plaignent de « trop salé » et « "
                    "pas croquant », et que votre chou est croquant et peu salé, voilà votre promesse.\n"
                    "\n"
                    "**Assurez-vous que chaque affirmation peut être prouvée.** Dites « sans conservateurs » seulement "
                    "si vous n’en utilisez vraiment aucun. Utilisez le nom ou le logo d’une indication géographique "
                    "protégée seulement si votre produit est enregistré sous celle-ci. Dites « bio » seulement si vous "
                    "avez le certificat. Les fausses affirmations sont illégales et, une fois découvertes, détruisent "
                    "une marque en un jour.\n"
                    "\n"
                    "**Testez la promesse auprès des acheteurs.** Écrivez-la en une phrase courte, comme « Chou "
                    "fermenté de montagne, croquant, fermenté en jarre de terre, peu salé », et demandez à dix clients "
                    "fidèles si elle correspond à ce qu’ils aiment dans votre produit. S’ils parlent d’autre chose, "
                    "écoutez : ils connaissent peut-être votre point fort mieux que vous.\n"
                    "\n"
                    "Une marque n’est pas un logo. C’est une promesse tenue à chaque fois qu’un colis arrive. Le logo "
                    "et l’emballage aident seulement les gens à s’en souvenir."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Lequel de ces éléments peut soutenir une marque ?",
                            "explanation": "Une marque repose sur des faits prouvables, pas sur des superlatifs vides.",
                            "choices": [
                                {
                                    "text": "Le plus délicieux de l’univers",
                                    "correct": False,
                                },
                                {
                                    "text": "Tout le monde adore",
                                    "correct": False,
                                },
                                {
                                    "text": "Fermenté 15 jours en jarres de terre, sans conservateurs",
                                    "correct": True,
                                },
                                {
                                    "text": "Qualité supérieure garantie",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Quand pouvez-vous utiliser le mot « bio » pour votre produit ?",
                            "explanation": (
                                "« Bio » est une mention certifiée, et l’utiliser sans le certificat est illégal."
                            ),
                            "choices": [
                                {
                                    "text": "Chaque fois que vous utilisez peu d’engrais",
                                    "correct": False,
                                },
                                {
                                    "text": "Si le village est en montagne",
                                    "correct": False,
                                },
                                {
                                    "text": "Seulement si vous avez le certificat bio",
                                    "correct": True,
                                },
                                {
                                    "text": "Si les acheteurs le demandent",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Selon la leçon, qu’est-ce qu’une marque ?",
                            "explanation": (
                                "Le logo et l’emballage aident seulement les acheteurs à se souvenir d’une promesse "
                                "qui doit être tenue à chaque fois."
                            ),
                            "choices": [
                                {
                                    "text": "Une promesse tenue à chaque fois qu’un colis arrive",
                                    "correct": True,
                                },
                                {
                                    "text": "Un logo imprimé sur le carton",
                                    "correct": False,
                                },
                                {
                                    "text": "Un prix élevé",
                                    "correct": False,
                                },
                                {
                                    "text": "Une longue liste de slogans",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Une histoire d’origine vraie",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "On achète la nourriture avec ses souvenirs. Un étudiant de Shanghai qui a grandi au Guizhou veut "
                    "le goût de chez lui ; une famille de Pékin veut savoir d’où vient ce qu’elle mange. Une histoire "
                    "d’origine les relie à votre village.\n"
                    "\n"
                    "**Les éléments d’une bonne histoire d’origine.**\n"
                    "- Une personne : qui le fabrique ? « Tante Luo, qui fait de la soupe aigre depuis 30 ans. »\n"
                    "- Un lieu : où exactement ? « Village de Libei, bourg de Yongjing, district de Xifeng, Guizhou. "
                    "»\n"
                    "- Une méthode : qu’est-ce qui est fait à la main, et pourquoi ? « Une soupe de riz fermentée une "
                    "semaine à l’ancienne, sans vinaigre ajouté. »\n"
                    "- Un changement : qu’a changé la vente en ligne ? « Ses fils sont revenus de l’usine pour "
                    "emballer et expédier les commandes. »\n"
                    "\n"
                    "**Restez bref et vrai.** Trois à cinq phrases sur la page de la boutique, une phrase sur "
                    "l’étiquette, une vidéo de 60 secondes pour les réseaux sociaux. N’utilisez de vrais noms et de "
                    "vraies photos qu’avec l’accord des personnes. N’inventez pas une « recette secrète impériale » ni "
                    "300 ans d’histoire que vous ne pouvez pas montrer : acheteurs et journalistes vérifient, et une "
                    "seule exagération fait paraître fausses aussi vos informations honnêtes.\n"
                    "\n"
                    "**Montrez, ne vous contentez pas de dire.** Les photos et les vidéos courtes des terrasses, des "
                    "jarres de terre et des mains au travail sont plus fortes que les adjectifs. Filmez les vraies "
                    "saisons : les semis, la récolte, la première jarre ouverte.\n"
                    "\n"
                    "**Partagez avec soin une histoire de village.** Quand plusieurs boutiques vendent la même "
                    "spécialité, une histoire commune comme « le chou fermenté des villages de montagne de Xifeng » "
                    "les aide toutes, tandis que l’histoire propre à chaque boutique montre sa famille et sa méthode. "
                    "Les villages dont les boutiques s’entendent sur un nom commun, des règles de qualité partagées et "
                    "une histoire commune se renforcent ensemble. Là où les boutiques copient les photos des autres et "
                    "bâclent la qualité, la réputation commune en souffre.\n"
                    "\n"
                    "**Répétez-la partout.** La même histoire, avec les mêmes mots et les mêmes images, sur la page de "
                    "la boutique, la fiche produit, le carton et vos vidéos. C’est la cohérence qui fait que les "
                    "acheteurs s’en souviennent."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Quel détail d’histoire d’origine suit les conseils de la leçon ?",
                            "explanation": (
                                "De vraies personnes, de vrais lieux et de vraies méthodes, partagés avec leur accord, "
                                "rendent une histoire crédible."
                            ),
                            "choices": [
                                {
                                    "text": "Une recette secrète impériale vieille de 300 ans, sans preuve",
                                    "correct": False,
                                },
                                {
                                    "text": "Un chef célèbre, sans nom, quelque part en Chine",
                                    "correct": False,
                                },
                                {
                                    "text": "Une photo d’un autre village téléchargée sur internet",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Tante Luo, qui fait de la soupe aigre depuis 30 ans au village de Libei, avec "
                                        "son accord"
                                    ),
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Pourquoi une histoire commune au village peut-elle aider ?",
                            "explanation": (
                                "Une histoire partagée soutient toutes les boutiques qui vendent la spécialité, et "
                                "chacune garde sa propre histoire de famille."
                            ),
                            "choices": [
                                {
                                    "text": "Elle permet aux boutiques de copier les photos des autres",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Elle soutient toutes les boutiques qui vendent la même spécialité, et chacune "
                                        "garde sa propre histoire"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Elle dispense de règles de qualité",
                                    "correct": False,
                                },
                                {
                                    "text": "Elle remplace la description des produits de chaque boutique",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Qu’est-ce qui fait que les acheteurs se souviennent d’une histoire ?",
                            "explanation": "Répéter partout les mêmes mots et les mêmes images la rend reconnaissable.",
                            "choices": [
                                {
                                    "text": "La même histoire, les mêmes mots et les mêmes images utilisés partout",
                                    "correct": True,
                                },
                                {
                                    "text": "Une nouvelle histoire chaque semaine",
                                    "correct": False,
                                },
                                {
                                    "text": "Une histoire très longue",
                                    "correct": False,
                                },
                                {
                                    "text": "La raconter seulement sur le carton",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Nom, étiquette et conception de l’emballage",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Une fois que vous connaissez votre promesse et votre histoire, le design aide les acheteurs à "
                    "reconnaître votre produit sur une page de résultats encombrée et sur une étagère de cuisine.\n"
                    "\n"
                    "**Le nom.** Court, facile à dire et à écrire, lié au lieu ou à la promesse. Vérifiez que personne "
                    "ne l’a déposé : cherchez sur la plateforme et dans la base des marques déposées, et "
                    "renseignez-vous au centre du district sur le dépôt de votre propre marque avant d’imprimer des "
                    "milliers de cartons. Un nom de famille plus le produit (« La soupe aigre des Luo ») ou le village "
                    "plus une qualité (« Chou croquant de Libei ») sont des choix simples.\n"
                    "\n"
                    "**L’étiquette.** Rangez les informations par ordre d’importance :\n"
                    "1. nom de la marque et nom du produit ;\n"
                    "2. poids net, bien lisible ;\n"
                    "3. origine : village, district, province ;\n"
                    "4. ingrédients, date d’emballage, durée de conservation, conservation ;\n"
                    "5. nom, adresse et contact du producteur, et numéro de licence si nécessaire.\n"
                    "\n"
                    "Utilisez deux ou trois couleurs au plus et une seule police bien lisible. Imprimez l’étiquette en "
                    "taille réelle et lisez-la à un mètre ; puis regardez-en une photo en vignette sur un téléphone.\n"
                    "\n"
                    "**L’emballage.** Il doit d’abord protéger (voir le cours sur le développement de produits pour la "
                    "vente en ligne), puis porter la marque. Un carton simple avec un autocollant imprimé coûte peu et "
                    "suffit au début. Les cartons imprimés coûtent plus cher et se commandent en grandes quantités : "
                    "ne les commandez que quand les ventes le justifient. Si des cartons imprimés coûtent 2,50 yuans "
                    "pièce avec une commande minimale de 2 000, cela immobilise 5 000 yuans, et à 20 commandes par "
                    "jour, il faut 100 jours pour les utiliser tous.\n"
                    "\n"
                    "**Les coffrets cadeaux pour les fêtes.** Un coffret avec trois spécialités et une carte qui "
                    "raconte l’histoire d’origine peut se vendre plus cher pour la fête du Printemps ou la fête de la "
                    "Mi-Automne, à condition d’arriver intact.\n"
                    "\n"
                    "**Restez cohérent.** Les mêmes couleurs, le même logo et le même style de photos sur le carton, "
                    "l’étiquette, la page de la boutique et vos vidéos. Chaque fois qu’un acheteur les voit, la marque "
                    "se renforce."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Avant d’imprimer des milliers de cartons avec un nouveau nom, vous devez…",
                            "explanation": (
                                "Vérifier et déposer le nom vous évite de perdre votre emballage et votre marque."
                            ),
                            "choices": [
                                {
                                    "text": "imprimer d’abord et vérifier ensuite",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "copier le nom d’une marque célèbre pour que les acheteurs le reconnaissent"
                                    ),
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "vérifier que personne ne l’a déposé et vous renseigner sur le dépôt de votre "
                                        "marque"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "utiliser un nom différent sur chaque carton",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Des cartons imprimés coûtent 2,50 yuans pièce avec une commande minimale de 2 000. "
                                "Combien d’argent cela immobilise-t-il ?"
                            ),
                            "explanation": "2,50 x 2 000 = 5 000 yuans.",
                            "choices": [
                                {
                                    "text": "500 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "5 000 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "2 500 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "50 000 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Comment vérifier qu’une étiquette est facile à lire ?",
                            "explanation": (
                                "Une étiquette doit fonctionner à la fois sur l’étagère et en petite image sur un "
                                "téléphone."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Lire une impression en taille réelle à un mètre et la regarder en vignette "
                                        "sur un téléphone"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Demander à l’imprimeur si elle est jolie",
                                    "correct": False,
                                },
                                {
                                    "text": "Utiliser le plus de couleurs possible",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "marketing-planning",
        "title": "Planifier son marketing",
        "summary": (
            "Planifier une année de ventes autour des récoltes, des fêtes et des journées d’achats comme le « Double "
            "11 » et la fête du Printemps, manier les promotions avec prudence, et utiliser la vidéo courte et la "
            "diffusion en direct pour toucher les acheteurs, avec le stock et l’emballage prêts."
        ),
        "audience": "rural_youth",
        "level": "advanced",
        "language": "fr",
        "lessons": [
            {
                "title": "Le calendrier des ventes : saisons et fêtes",
                "minutes": 9,
                "video_url": "",
                "body": (
                    "Les ventes de produits agricoles ne sont pas réparties également sur l’année. Un plan marketing "
                    "commence par un calendrier qui place vos récoltes en face des moments où les acheteurs "
                    "dépensent.\n"
                    "\n"
                    "**Votre calendrier de production.** Notez, mois par mois, ce que vous pouvez fabriquer et "
                    "expédier : piments frais en été, riz nouveau en automne, chou fermenté et viande séchée en hiver, "
                    "gâteaux de riz gluant avant la fête du Printemps.\n"
                    "\n"
                    "**Le calendrier des acheteurs.** Les grands moments sur les plateformes chinoises :\n"
                    "- la fête du Printemps (janvier ou février) : cadeaux et goût du pays ; la période la plus "
                    "chargée pour les spécialités, mais les transporteurs ralentissent et beaucoup s’arrêtent "
                    "plusieurs jours autour des congés ;\n"
                    "- la fête des Bateaux-Dragons (mai ou juin) : zongzi et riz gluant ;\n"
                    "- la fête des achats de mi-année « 618 » (juin) ;\n"
                    "- la fête de la Mi-Automne (septembre ou octobre) : coffrets cadeaux ;\n"
                    "- le « Double 11 » (11 novembre) : la plus grande journée d’achats de l’année, avec des "
                    "promotions qui commencent des jours ou des semaines avant ;\n"
                    "- le « Double 12 » (12 décembre).\n"
                    "\n"
                    "**Faites correspondre les deux.** Là où une fête rencontre un produit que vous avez, prévoyez une "
                    "campagne. Là où une fête arrive sans que vous ayez rien de prêt, décidez s’il faut développer "
                    "quelque chose, comme un coffret cadeau pour la fête du Printemps, ou simplement la laisser "
                    "passer.\n"
                    "\n"
                    "**Partez de chaque date et remontez le temps.** Pour un coffret cadeau de la fête du Printemps :\n"
                    "- 8 semaines avant : décider du contenu et du prix, commander les cartons ;\n"
                    "- 6 semaines avant : photos, vidéo et annonce prêtes ; s’inscrire aux opérations de la "
                    "plateforme, qui ferment tôt ;\n"
                    "- 4 semaines avant : production et stock terminés ;\n"
                    "- de 3 semaines avant jusqu’à la date limite des transporteurs : vendre et expédier chaque jour "
                    ";\n"
                    "- à la date limite : cesser d’accepter les commandes que vous ne pouvez pas livrer avant les "
                    "congés, et l’indiquer clairement dans l’annonce.\n"
                    "\n"
                    "**Profitez des mois calmes.** Améliorez les produits, testez les emballages, recueillez des avis "
                    "et filmez des images pour la saison suivante."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Quand a lieu le « Double 11 » ?",
                            "explanation": (
                                "Le « Double 11 » tombe le 11 novembre et c’est la plus grande journée d’achats de "
                                "l’année."
                            ),
                            "choices": [
                                {
                                    "text": "Le 11 janvier",
                                    "correct": False,
                                },
                                {
                                    "text": "Le 11 novembre",
                                    "correct": True,
                                },
                                {
                                    "text": "Le 1er novembre",
                                    "correct": False,
                                },
                                {
                                    "text": "Le 11e jour de la fête du Printemps",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Dans le plan de la fête du Printemps, quand les photos, la vidéo et l’annonce "
                                "doivent-elles être prêtes ?"
                            ),
                            "explanation": (
                                "Elles doivent être prêtes 6 semaines avant, car les opérations de la plateforme "
                                "ferment tôt."
                            ),
                            "choices": [
                                {
                                    "text": "La veille de la fête",
                                    "correct": False,
                                },
                                {
                                    "text": "Après la date limite des transporteurs",
                                    "correct": False,
                                },
                                {
                                    "text": "2 semaines après la fête",
                                    "correct": False,
                                },
                                {
                                    "text": "6 semaines avant la fête",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Que faire à la date limite des transporteurs avant la fête du Printemps ?",
                            "explanation": (
                                "Il ne faut pas accepter les commandes qui ne peuvent pas arriver avant les congés, et "
                                "il faut le dire aux acheteurs."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Cesser d’accepter les commandes impossibles à livrer avant les congés, et le "
                                        "dire"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Continuer à vendre et promettre quand même la livraison",
                                    "correct": False,
                                },
                                {
                                    "text": "Doubler le prix",
                                    "correct": False,
                                },
                                {
                                    "text": "Fermer la boutique pour de bon",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Promotions, prix et budgets",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Une promotion doit apporter plus de bénéfice ou plus de clients fidèles, pas seulement plus de "
                    "travail. Avant de participer à une remise de fête, faites le calcul.\n"
                    "\n"
                    "**Connaissez votre marge.** Disons que votre paquet de 1,5 kg de chou fermenté se vend 39,90 "
                    "yuans et vous coûte 22,00 yuans, emballage et transport compris. Votre marge est de 17,90 yuans "
                    "par paquet avant les frais de plateforme.\n"
                    "\n"
                    "**Calculez l’effet d’une remise.** Avec 10 yuans de remise, le prix est de 29,90 yuans et la "
                    "marge tombe à 7,90 yuans. Pour gagner la même marge totale que 100 paquets à plein tarif (100 x "
                    "17,90 = 1 790 yuans), vous devez vendre 1 790 / 7,90 = 226,6, soit environ 227 paquets. "
                    "Pouvez-vous fabriquer 227 paquets à temps ? La remise apportera-t-elle vraiment autant de "
                    "commandes en plus ? Sinon, une remise plus petite, ou un sachet découverte de 500 g offert pour "
                    "deux paquets achetés, peut être préférable.\n"
                    "\n"
                    "**Choisissez le bon type de promotion.**\n"
                    "- La remise à partir d’un montant (« 10 yuans de remise dès 79 yuans d’achat ») augmente la "
                    "taille de chaque commande.\n"
                    "- Les lots, comme le chou avec la soupe aigre, font découvrir un deuxième produit aux acheteurs.\n"
                    "- Les formats découverte offerts attirent de nouveaux acheteurs pour une perte plus faible qu’une "
                    "baisse de prix.\n"
                    "- Les bons de réduction pour les clients fidèles récompensent la fidélité.\n"
                    "\n"
                    "**Fixez un budget.** Notez le total que vous êtes prêt à dépenser pour une campagne : remises, "
                    "publicité payante sur la plateforme, échantillons pour les vidéos, emballage supplémentaire. Par "
                    "exemple, un budget « Double 11 » de 1 500 yuans : 800 yuans de remises, 500 yuans de publicité, "
                    "200 yuans d’échantillons. Vérifiez chaque jour ce que vous avez dépensé et ce que cela a "
                    "rapporté.\n"
                    "\n"
                    "**N’inventez jamais un faux prix d’origine.** Augmenter le prix avant une fête pour que la remise "
                    "paraisse plus grosse est une fraude sur les prix, sanctionnée par les plateformes et les "
                    "autorités de contrôle, et les acheteurs s’en aperçoivent.\n"
                    "\n"
                    "**Faites le bilan ensuite.** Après chaque campagne, notez les commandes, les ventes, les coûts, "
                    "la marge, les nouveaux acheteurs et les réclamations. Le plan de l’année suivante part de ces "
                    "chiffres, pas de vos souvenirs."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Prix 39,90 yuans, coût 22,00 yuans, remise de 10 yuans. Quelle est la marge par "
                                "paquet pendant la promotion ?"
                            ),
                            "explanation": "29,90 - 22,00 = 7,90 yuans.",
                            "choices": [
                                {
                                    "text": "17,90 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "29,90 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "7,90 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "12,10 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Selon la leçon, quelle promotion attire de nouveaux acheteurs pour une perte plus "
                                "faible qu’une baisse de prix ?"
                            ),
                            "explanation": (
                                "Un format découverte offert fait connaître le produit sans réduire la marge sur "
                                "chaque paquet."
                            ),
                            "choices": [
                                {
                                    "text": "Un faux prix d’origine",
                                    "correct": False,
                                },
                                {
                                    "text": "Doubler le prix",
                                    "correct": False,
                                },
                                {
                                    "text": "Un format découverte offert",
                                    "correct": True,
                                },
                                {
                                    "text": "Des avis payés",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Augmenter le prix juste avant une fête pour que la remise paraisse plus grosse, c’est…"
                            ),
                            "explanation": (
                                "Un faux prix d’origine est une fraude sur les prix, sanctionnée par les plateformes "
                                "et les autorités de contrôle."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "une fraude sur les prix, sanctionnée par les plateformes et les autorités de "
                                        "contrôle"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "une technique de marketing normale",
                                    "correct": False,
                                },
                                {
                                    "text": "permis seulement pendant le « Double 11 »",
                                    "correct": False,
                                },
                                {
                                    "text": "obligatoire pour participer aux promotions",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "La vidéo courte",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Les applications de vidéos courtes et les rubriques vidéo des applications d’achat sont "
                    "aujourd’hui l’un des principaux moyens par lesquels les acheteurs découvrent les produits "
                    "agricoles. Trente secondes de vapeur qui monte d’un bol de soupe aigre peuvent faire plus que dix "
                    "photos.\n"
                    "\n"
                    "**Quoi filmer.** Des scènes vraies et simples qui montrent votre promesse :\n"
                    "- la récolte : la cueillette des piments un matin de brume ;\n"
                    "- la fabrication : couper le chou, remplir les jarres de terre, ouvrir une jarre au bout de 15 "
                    "jours ;\n"
                    "- la cuisine : une marmite de soupe aigre au poisson, la famille à table ;\n"
                    "- l’emballage : 1,5 kg sur la balance, la soudure, le transporteur qui emporte les colis.\n"
                    "\n"
                    "**Comment filmer avec un téléphone.**\n"
                    "- Tenez le téléphone à la verticale ; la plupart des spectateurs regardent sur un téléphone tenu "
                    "droit.\n"
                    "- Utilisez la lumière du jour et gardez le téléphone stable, appuyé sur quelque chose si "
                    "possible.\n"
                    "- Filmez au plus près de l’action. Les trois premières secondes doivent montrer quelque chose "
                    "d’intéressant, sinon les spectateurs passent à la suite.\n"
                    "- Enregistrez la voix près de la personne qui parle, loin du vent et des moteurs.\n"
                    "- Faites des vidéos de 15 à 60 secondes, avec une seule idée par vidéo.\n"
                    "\n"
                    "**Parlez naturellement.** L’accent du pays et les mots du dialecte font partie du charme, mais "
                    "ajoutez des sous-titres en chinois standard pour que tout le monde comprenne. Dites qui vous "
                    "êtes, où vous êtes, quel est le produit et comment l’acheter.\n"
                    "\n"
                    "**Soyez honnête en vidéo aussi.** Le produit de la vidéo doit être celui du colis. Les règles de "
                    "la publicité s’appliquent à la vidéo : pas d’allégations selon lesquelles un aliment guérit des "
                    "maladies, pas de faux comptes à rebours « plus que quelques heures ».\n"
                    "\n"
                    "**Publiez régulièrement.** Trois vidéos par semaine pendant deux mois vous apprendront plus "
                    "qu’une vidéo parfaite. Regardez lesquelles ont été vues jusqu’au bout et refaites ce qui a "
                    "marché. Répondez aux commentaires le jour même si vous pouvez : les commentaires sont des "
                    "questions d’acheteurs.\n"
                    "\n"
                    "**Reliez la vidéo à la boutique.** Ajoutez le lien du produit là où la plateforme le permet, et "
                    "dites le nom de la boutique. Vérifiez dans les données de votre boutique combien de commandes "
                    "viennent de la vidéo."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Comment tenir en général le téléphone pour filmer des vidéos courtes ?",
                            "explanation": (
                                "La plupart des spectateurs regardent sur un téléphone tenu droit : une vidéo "
                                "verticale remplit leur écran."
                            ),
                            "choices": [
                                {
                                    "text": "En travers, au format paysage",
                                    "correct": False,
                                },
                                {
                                    "text": "À l’envers",
                                    "correct": False,
                                },
                                {
                                    "text": "Cela n’a aucune importance",
                                    "correct": False,
                                },
                                {
                                    "text": "Droit, au format vertical",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Pourquoi les trois premières secondes d’une vidéo doivent-elles être intéressantes ?"
                            ),
                            "explanation": (
                                "Les spectateurs décident très vite s’ils continuent à regarder ou s’ils passent à la "
                                "suite."
                            ),
                            "choices": [
                                {
                                    "text": "Les plateformes suppriment les vidéos lentes",
                                    "correct": False,
                                },
                                {
                                    "text": "Sinon les spectateurs passent à la vidéo suivante",
                                    "correct": True,
                                },
                                {
                                    "text": "Le son ne commence qu’après trois secondes",
                                    "correct": False,
                                },
                                {
                                    "text": "Le lien du produit apparaît à ce moment-là",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Quelle allégation est interdite dans une vidéo sur un aliment ?",
                            "explanation": (
                                "Affirmer qu’un aliment guérit des maladies enfreint les règles de la publicité."
                            ),
                            "choices": [
                                {
                                    "text": "Ce chou fermenté guérit les maladies de l’estomac",
                                    "correct": True,
                                },
                                {
                                    "text": "Fermenté 15 jours en jarres de terre",
                                    "correct": False,
                                },
                                {
                                    "text": "Fabriqué dans le district de Xifeng, au Guizhou",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "La diffusion en direct",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Pendant une diffusion en direct, le vendeur parle aux acheteurs en temps réel, montre le produit, "
                    "répond aux questions et prend les commandes. Beaucoup de districts et de centres de formation "
                    "aident aujourd’hui les agriculteurs à faire des directs au moment des récoltes. Pour un débutant, "
                    "la préparation compte plus que le charme.\n"
                    "\n"
                    "**Préparez le décor.** Un endroit calme et bien éclairé (une fenêtre le jour, ou deux lampes LED "
                    "bon marché), le téléphone sur un support, une connexion stable testée à l’avance, et les produits "
                    "sur une table propre. Gardez à portée de main une balance de cuisine, un plat cuisiné et un colis "
                    "emballé à montrer.\n"
                    "\n"
                    "**Préparez le déroulé.** Un direct de 60 minutes peut se dérouler ainsi :\n"
                    "- de 0 à 5 minutes : saluer les spectateurs, dire qui vous êtes et ce qui est en vente "
                    "aujourd’hui ;\n"
                    "- de 5 à 20 : premier produit, montré cru, sur la balance et cuisiné, avec le prix et la façon de "
                    "commander ;\n"
                    "- de 20 à 35 : deuxième produit, de la même façon ;\n"
                    "- de 35 à 50 : répondre aux questions, montrer le village ou la cuisine ;\n"
                    "- de 50 à 60 : rappeler les offres, remercier les spectateurs, annoncer le prochain direct.\n"
                    "\n"
                    "**Mieux vaut être deux.** L’un parle devant la caméra ; l’autre lit les commentaires, répond par "
                    "écrit aux questions simples, et surveille le stock et les commandes.\n"
                    "\n"
                    "**Donnez les bons chiffres.** Dites les prix et les poids lentement et montrez-les sur une "
                    "pancarte : « 1,5 kg, 39,90 yuans ». Le prix du direct doit être le même que celui de la boutique. "
                    "Ne vendez jamais un stock que vous n’avez pas : avec 200 paquets prêts, arrêtez-vous à 200.\n"
                    "\n"
                    "**Prévoyez l’emballage.** Expédiez dans le délai promis, par exemple dans les 48 heures après le "
                    "paiement. Une grosse soirée de ventes suivie de colis en retard amène une avalanche de "
                    "réclamations. Si deux personnes peuvent emballer 150 colis par jour, un direct qui en vend 600 "
                    "demande 600 / 150 = 4 jours d’emballage : prévoyez des aides en plus, ou limitez les ventes à ce "
                    "que vous pouvez expédier à temps.\n"
                    "\n"
                    "**Revoyez l’enregistrement.** Notez quand les spectateurs sont arrivés et partis, quelles "
                    "questions sont revenues et quels produits se sont vendus, et améliorez le déroulé pour la "
                    "prochaine fois."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Deux personnes peuvent emballer 150 colis par jour et un direct en vend 600. Combien "
                                "de jours d’emballage faut-il sans aide supplémentaire ?"
                            ),
                            "explanation": "600 / 150 = 4 jours.",
                            "choices": [
                                {
                                    "text": "2 jours",
                                    "correct": False,
                                },
                                {
                                    "text": "6 jours",
                                    "correct": False,
                                },
                                {
                                    "text": "4 jours",
                                    "correct": True,
                                },
                                {
                                    "text": "1 jour",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Pendant le direct, quel est le rôle de la deuxième personne ?",
                            "explanation": (
                                "L’aide s’occupe des commentaires, du stock et des commandes pour que la personne à "
                                "l’écran se concentre sur la caméra."
                            ),
                            "choices": [
                                {
                                    "text": "Filmer un autre produit en même temps",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Lire les commentaires, répondre aux questions simples, et surveiller le stock "
                                        "et les commandes"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Poster de faux commentaires pour attirer des spectateurs",
                                    "correct": False,
                                },
                                {
                                    "text": "Changer les prix pendant le direct",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Vous avez 200 paquets prêts. Pendant le direct, vous devez…",
                            "explanation": (
                                "Vendre un stock que vous n’avez pas entraîne des colis en retard et des réclamations."
                            ),
                            "choices": [
                                {
                                    "text": "continuer à vendre et en fabriquer plus tard sans prévenir les acheteurs",
                                    "correct": False,
                                },
                                {
                                    "text": "cacher le chiffre du stock",
                                    "correct": False,
                                },
                                {
                                    "text": "augmenter le prix après 100",
                                    "correct": False,
                                },
                                {
                                    "text": "arrêter de vendre quand 200 paquets sont vendus",
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
        "slug": "first-online-shop",
        "title": "Ouvrir sa première boutique en ligne",
        "summary": (
            "Un guide pas à pas pour les villageois : réunir ce qu’il faut, créer la boutique et ses premières "
            "annonces, et traiter les premières commandes, du paiement jusqu’au bon avis. Le point de service du "
            "village peut vous aider à chaque étape."
        ),
        "audience": "villagers",
        "level": "beginner",
        "language": "fr",
        "lessons": [
            {
                "title": "Avant de commencer : ce qu’il vous faut",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Ouvrir une boutique en ligne est gratuit ou bon marché sur la plupart des plateformes, mais la "
                    "faire tourner demande du travail chaque jour. Avant de vous inscrire, vérifiez que vous avez "
                    "l’essentiel.\n"
                    "\n"
                    "**Quelque chose à vendre régulièrement.** Une boutique a besoin de produits à expédier chaque "
                    "semaine, pas une seule fois : le chou fermenté de vos propres jarres, les œufs de vos poules, le "
                    "thé du terrain familial, ou les produits de vos voisins s’ils acceptent de vous fournir.\n"
                    "\n"
                    "**Les documents.** En général :\n"
                    "- votre carte d’identité de résident, à votre propre nom ;\n"
                    "- un numéro de téléphone portable enregistré à votre nom ;\n"
                    "- une carte bancaire ou un compte de paiement à votre nom, pour recevoir l’argent ;\n"
                    "- pour les aliments, souvent une licence de commerce alimentaire ou un enregistrement de petit "
                    "atelier ; pour une boutique d’entreprise, une licence commerciale.\n"
                    "\n"
                    "N’ouvrez jamais une boutique avec la carte d’identité de quelqu’un d’autre, et ne laissez jamais "
                    "personne utiliser la vôtre. Le propriétaire de la boutique est responsable de tout ce que la "
                    "boutique vend.\n"
                    "\n"
                    "**L’équipement.** Un smartphone avec un bon appareil photo, des données mobiles ou une connexion "
                    "internet fiables, une balance de cuisine, du matériel d’emballage et un endroit propre pour "
                    "emballer.\n"
                    "\n"
                    "**Le temps.** Comptez une à deux heures par jour pour les messages, l’emballage, le dépôt des "
                    "colis chez le transporteur ou au point de service, et la mise à jour des annonces.\n"
                    "\n"
                    "**Un transporteur.** Renseignez-vous sur les transporteurs qui passent dans votre village ou "
                    "votre bourg, à quelle fréquence, et sur leurs prix vers les provinces où vous vendrez. Si aucun "
                    "transporteur ne vient au village, le point de service peut souvent accepter les colis au départ "
                    "et les faire suivre avec le véhicule du second tronçon.\n"
                    "\n"
                    "**Une plateforme.** Les grandes plateformes comme Taobao ou JD.com ont beaucoup d’acheteurs mais "
                    "aussi beaucoup de concurrents ; les applications de vidéos courtes vendent par les vidéos et les "
                    "directs ; un groupe WeChat fonctionne pour les acheteurs que vous connaissez déjà. Beaucoup de "
                    "villageois commencent par une plateforme et un groupe de parents et d’amis en ville.\n"
                    "\n"
                    "**De l’aide.** Le centre de formation du district organise des ateliers gratuits, et l’exploitant "
                    "du point de service peut vous aider à vous inscrire et à prendre les premières photos. "
                    "Demandez-leur avant de payer qui que ce soit qui propose d’ouvrir une boutique pour vous."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Avec quelle carte d’identité devez-vous ouvrir votre boutique ?",
                            "explanation": (
                                "Le propriétaire de la boutique est responsable de tout ce qui est vendu : la boutique "
                                "doit être à votre propre nom."
                            ),
                            "choices": [
                                {
                                    "text": "Celle d’un parent qui vit en ville",
                                    "correct": False,
                                },
                                {
                                    "text": "La vôtre",
                                    "correct": True,
                                },
                                {
                                    "text": "Celle de l’exploitant du point de service",
                                    "correct": False,
                                },
                                {
                                    "text": "N’importe laquelle, pourvu que la photo soit nette",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Aucun transporteur ne vient dans votre village. Qui peut souvent faire suivre vos "
                                "colis ?"
                            ),
                            "explanation": (
                                "Les points de service peuvent souvent accepter les colis au départ et les faire "
                                "suivre avec le véhicule du second tronçon."
                            ),
                            "choices": [
                                {
                                    "text": "Personne : vous ne pouvez pas vendre en ligne",
                                    "correct": False,
                                },
                                {
                                    "text": "L’acheteur doit venir les chercher",
                                    "correct": False,
                                },
                                {
                                    "text": "La banque du district",
                                    "correct": False,
                                },
                                {
                                    "text": "Le point de service du village, avec le véhicule du second tronçon",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Quelqu’un propose d’ouvrir une boutique pour vous contre paiement. Que faire d’abord ?"
                            ),
                            "explanation": (
                                "Le centre de formation et l’exploitant du point de service aident gratuitement : "
                                "demandez-leur avant de payer qui que ce soit."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Demander au centre de formation ou à l’exploitant du point de service, qui "
                                        "aident gratuitement"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Payer tout de suite pour gagner du temps",
                                    "correct": False,
                                },
                                {
                                    "text": "Lui donner votre carte d’identité et votre carte bancaire",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Créer la boutique et ses premières annonces",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "L’inscription sur une plateforme prend de moins d’une heure à plusieurs jours, selon ses "
                    "vérifications. Suivez les instructions de l’application vendeur et gardez vos documents à portée "
                    "de main.\n"
                    "\n"
                    "**Le nom et la présentation de la boutique.** Choisissez un nom court et honnête, lié à vous ou à "
                    "votre village, comme « La cuisine de tante Wang, à Libei ». Dans la présentation, dites qui vous "
                    "êtes, où vous êtes et ce que vous vendez en deux ou trois phrases, avec une photo de vous ou de "
                    "votre cuisine.\n"
                    "\n"
                    "**Vos premières annonces.** Commencez par deux ou trois produits que vous connaissez bien, pas "
                    "vingt. Pour chacun, préparez :\n"
                    "- un titre avec le produit, le lieu, la qualité et le poids ;\n"
                    "- cinq à huit photos prises à la lumière du jour sur une planche propre ;\n"
                    "- un prix pour chaque format ;\n"
                    "- une description : poids net, ingrédients, conservation, durée de conservation, délai "
                    "d’expédition ;\n"
                    "- la quantité en stock : le nombre réel que vous pouvez expédier.\n"
                    "\n"
                    "**Fixer le prix.** Additionnez le coût d’une commande. Supposons que 30 œufs vous coûtent 24 "
                    "yuans, la boîte à œufs et le carton rembourré 6 yuans, et le transporteur 10 yuans : 40 yuans en "
                    "tout. Regardez les boutiques semblables. Si la plupart vendent 30 œufs fermiers entre 50 et 60 "
                    "yuans, un prix de 52 yuans vous laisse 12 yuans par commande. Tenez compte des frais de "
                    "plateforme et des œufs cassés avant de décider si cela vaut votre travail.\n"
                    "\n"
                    "**Les réglages d’expédition.** Choisissez les provinces que vous livrez, le transporteur et votre "
                    "délai d’expédition. Ne promettez que ce que vous pouvez tenir : « expédié dans les 48 heures "
                    "après le paiement » est une promesse courante et réaliste pour une boutique de village.\n"
                    "\n"
                    "**Être payé.** Les acheteurs paient la plateforme, qui vous verse l’argent après que l’acheteur a "
                    "confirmé la réception ou au bout d’un nombre de jours fixé. Vos premières recettes peuvent mettre "
                    "une à deux semaines : gardez un peu d’argent de côté pour l’emballage.\n"
                    "\n"
                    "**Testez tout.** Ouvrez votre boutique sur un téléphone comme le ferait un acheteur, et demandez "
                    "à un proche de passer une vraie commande, pour vérifier tout le parcours, du paiement à la "
                    "livraison."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Combien de produits mettre en ligne au début ?",
                            "explanation": (
                                "Commencer par quelques produits que vous connaissez bien permet de maîtriser la "
                                "qualité et le stock."
                            ),
                            "choices": [
                                {
                                    "text": "Au moins vingt",
                                    "correct": False,
                                },
                                {
                                    "text": "Tous les produits que fabrique le village",
                                    "correct": False,
                                },
                                {
                                    "text": "Deux ou trois que vous connaissez bien",
                                    "correct": True,
                                },
                                {
                                    "text": "Aucun tant que vous n’avez pas d’avis",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "30 œufs vous coûtent 40 yuans livrés et vous les vendez 52 yuans. Que reste-t-il par "
                                "commande avant les frais et la casse ?"
                            ),
                            "explanation": "52 - 40 = 12 yuans par commande.",
                            "choices": [
                                {
                                    "text": "52 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "22 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "12 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "8 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Quelle promesse d’expédition la leçon qualifie-t-elle de courante et réaliste pour "
                                "une boutique de village ?"
                            ),
                            "explanation": (
                                "Expédier dans les 48 heures après le paiement est une promesse qu’une boutique de "
                                "village peut tenir."
                            ),
                            "choices": [
                                {
                                    "text": "Expédié dans les 48 heures après le paiement",
                                    "correct": True,
                                },
                                {
                                    "text": "Livré partout en Chine le jour même",
                                    "correct": False,
                                },
                                {
                                    "text": "Expédié quand il y a assez de commandes",
                                    "correct": False,
                                },
                                {
                                    "text": "Aucun délai d’expédition indiqué",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Vos premières commandes : du paiement à la livraison",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Les premières commandes sont les plus importantes. Elles apportent vos premiers avis, et les "
                    "nouvelles boutiques qui ont de bons premiers avis sont montrées à plus d’acheteurs. Traitez "
                    "chaque commande du premier mois comme si la boutique en dépendait, car c’est le cas.\n"
                    "\n"
                    "**Quand une commande arrive.**\n"
                    "1. Vérifiez-la : produit, format, quantité, adresse, et tout message de l’acheteur (« moins de "
                    "piment, s’il vous plaît »).\n"
                    "2. Envoyez un petit mot : « Merci pour votre commande ! Nous l’emballons bien frais et "
                    "l’expédions demain matin. »\n"
                    "3. Préparez-la : pesez, emballez en trois couches, et ajoutez une petite carte avec des conseils "
                    "de conservation et un remerciement.\n"
                    "4. Écrivez ou imprimez l’étiquette d’expédition et remettez le colis au transporteur ou au point "
                    "de service.\n"
                    "5. Saisissez le numéro de suivi sur la plateforme dans le délai promis, dans les 48 heures après "
                    "le paiement si c’est votre promesse. Une expédition en retard peut entraîner des pénalités et un "
                    "dédommagement pour l’acheteur.\n"
                    "\n"
                    "**Suivez le colis.** Vérifiez le suivi chaque jour. Si le colis ne bouge plus depuis deux jours, "
                    "contactez le transporteur et dites à l’acheteur ce que vous faites avant qu’il ait à le "
                    "demander.\n"
                    "\n"
                    "**Après la livraison.** Envoyez un message : « Votre colis est arrivé. Gardez le chou au "
                    "réfrigérateur, et si quelque chose ne va pas, dites-le-nous d’abord et nous arrangerons cela. » "
                    "Vous pouvez inviter poliment à laisser un avis, mais ne payez jamais pour un avis et n’offrez "
                    "jamais rien en échange de bonnes étoiles.\n"
                    "\n"
                    "**Tenez des comptes dès le premier jour.** Pour chaque commande : date, numéro de commande, "
                    "produit, montant reçu, coût, frais de transport, numéro de suivi, éventuel problème. Faites le "
                    "total à la fin du mois. Exemple : 46 commandes à 39,90 yuans font 1 835,40 yuans de ventes ; à un "
                    "coût de 22,00 yuans chacune, les coûts sont de 1 012,00 yuans ; le résultat est de 823,40 yuans "
                    "avant les frais de plateforme.\n"
                    "\n"
                    "**Les comptes créent la confiance.** Dans Taocun, les expéditions à l’heure, les remboursements "
                    "rares et les bonnes notes font monter vos points de respectabilité, qui peuvent ensuite vous "
                    "ouvrir un petit prêt pour développer la boutique. Des premières commandes soignées et honnêtes "
                    "sont le premier pas."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "Vous promettez « expédié dans les 48 heures ». Avant quand faut-il saisir le numéro "
                                "de suivi ?"
                            ),
                            "explanation": (
                                "La promesse compte à partir du paiement : le colis doit être expédié et suivi dans "
                                "les 48 heures qui suivent."
                            ),
                            "choices": [
                                {
                                    "text": "Dans les 48 heures après la livraison",
                                    "correct": False,
                                },
                                {
                                    "text": "Quand l’acheteur le demande",
                                    "correct": False,
                                },
                                {
                                    "text": "À la fin du mois",
                                    "correct": False,
                                },
                                {
                                    "text": "Dans les 48 heures après le paiement",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "46 commandes à 39,90 yuans, qui coûtent chacune 22,00 yuans. Quel est le résultat "
                                "avant les frais de plateforme ?"
                            ),
                            "explanation": "1 835,40 - 1 012,00 = 823,40 yuans.",
                            "choices": [
                                {
                                    "text": "1 835,40 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "823,40 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "1 012,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "917,70 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Laquelle de ces pratiques est permise après la livraison ?",
                            "explanation": (
                                "Inviter poliment à laisser un avis est correct ; payer ou faire pression pour obtenir "
                                "des avis enfreint les règles des plateformes."
                            ),
                            "choices": [
                                {
                                    "text": "Inviter poliment l’acheteur à laisser un avis",
                                    "correct": True,
                                },
                                {
                                    "text": "Payer l’acheteur pour un avis à cinq étoiles",
                                    "correct": False,
                                },
                                {
                                    "text": "Offrir de l’argent pour faire supprimer un mauvais avis",
                                    "correct": False,
                                },
                                {
                                    "text": "Noter votre propre boutique depuis le compte d’un ami",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Grandir pas à pas",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Après le premier mois, vous aurez des données, des avis et de l’expérience. Grandissez prudemment "
                    ": beaucoup de boutiques de village échouent non par manque de commandes, mais parce qu’elles en "
                    "ont trop, trop tôt, avec ensuite des colis en retard et une qualité qui baisse.\n"
                    "\n"
                    "**Regardez vos chiffres chaque mois :** commandes, ventes, coûts, résultat, remboursements, note "
                    "moyenne, et combien d’acheteurs sont revenus. Si les remboursements dépassent quelques-uns pour "
                    "cent commandes, corrigez la cause avant de chercher plus de commandes.\n"
                    "\n"
                    "**Améliorez ce qui se vend.** Donnez d’abord à votre meilleur produit de meilleures photos, une "
                    "vidéo courte et une description plus claire. Ajoutez les nouveaux produits un par un, de "
                    "préférence ceux que vos acheteurs ont demandés.\n"
                    "\n"
                    "**Travaillez avec vos voisins.** Quand les commandes dépassent ce que votre famille peut faire, "
                    "achetez chez vos voisins, mais mettez-vous clairement d’accord sur la qualité, le prix et le "
                    "poids, et payez à l’heure. Écrivez-le, par exemple : « Piments de catégorie A, 6,00 yuans le kg, "
                    "payés chaque dimanche. » Une boutique qui achète à dix familles répand les bienfaits du commerce "
                    "en ligne dans tout le village.\n"
                    "\n"
                    "**Rejoignez une coopérative ou le réseau du village.** Ensemble, les boutiques peuvent acheter "
                    "l’emballage en gros, partager une marque et obtenir de meilleurs prix de transport. Si le "
                    "transporteur vous fait payer 8 yuans le colis seul mais 6 yuans dans une coopérative, une "
                    "boutique qui envoie 200 colis par mois économise 200 x 2 = 400 yuans par mois.\n"
                    "\n"
                    "**Séparez l’argent de la famille et celui de la boutique.** Utilisez une carte bancaire réservée "
                    "à la boutique. Vous saurez ainsi si la boutique gagne vraiment de l’argent, et vous aurez des "
                    "comptes à montrer si vous demandez un prêt.\n"
                    "\n"
                    "**N’empruntez que pour un projet clair.** Un petit prêt peut payer un congélateur, de l’emballage "
                    "ou des matières premières avant une fête. Calculez d’abord comment les ventes supplémentaires le "
                    "rembourseront ; voir le cours « Bien emprunter et bien rembourser un micro-crédit ».\n"
                    "\n"
                    "**Votre boutique compte pour le village.** Un village est reconnu comme village Taobao quand il a "
                    "au moins 100 boutiques actives et au moins 10 millions de yuans de ventes en ligne par an. Chaque "
                    "boutique honnête et active aide le village à atteindre et à garder ce statut."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "Vos remboursements dépassent nettement quelques-uns pour cent commandes. Que faire "
                                "d’abord ?"
                            ),
                            "explanation": (
                                "Plus de commandes ne feraient que multiplier le problème : corrigez d’abord sa cause."
                            ),
                            "choices": [
                                {
                                    "text": "Ajouter dix nouveaux produits",
                                    "correct": False,
                                },
                                {
                                    "text": "Dépenser plus en publicité",
                                    "correct": False,
                                },
                                {
                                    "text": "Corriger la cause avant de chercher plus de commandes",
                                    "correct": True,
                                },
                                {
                                    "text": "Ne plus répondre aux messages",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Dans une coopérative, le prix du transport passe de 8 à 6 yuans par colis. Combien "
                                "économise une boutique qui envoie 200 colis par mois ?"
                            ),
                            "explanation": "200 x (8 - 6) = 400 yuans par mois.",
                            "choices": [
                                {
                                    "text": "200 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "400 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "1 200 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "1 600 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Quels sont les seuils d’un village Taobao donnés dans la leçon ?",
                            "explanation": (
                                "Un village Taobao a au moins 100 boutiques actives et au moins 10 millions de yuans "
                                "de ventes en ligne par an."
                            ),
                            "choices": [
                                {
                                    "text": "Au moins 10 boutiques et 1 million de yuans par an",
                                    "correct": False,
                                },
                                {
                                    "text": "Au moins 1 000 boutiques et 100 millions de yuans par an",
                                    "correct": False,
                                },
                                {
                                    "text": "Tout village qui a un point de service",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Au moins 100 boutiques actives et au moins 10 millions de yuans de ventes en "
                                        "ligne par an"
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
        "title": "Tenir un point de service de village",
        "summary": (
            "Pour les exploitants de point de service : acheter honnêtement pour les villageois, prendre des acomptes "
            "pour les gros articles, recevoir les colis du second tronçon et les remettre contre un code de retrait, "
            "vendre les produits locaux vers l’extérieur, vérifier l’identité, et tenir des comptes que chacun peut "
            "vérifier."
        ),
        "audience": "station_operators",
        "level": "intermediate",
        "language": "fr",
        "lessons": [
            {
                "title": "Achats assistés et acomptes",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Beaucoup de villageois, surtout les personnes âgées, ne peuvent pas ou ne veulent pas commander "
                    "en ligne eux-mêmes. Lors d’un achat assisté, vous trouvez et commandez les articles pour le "
                    "compte du villageois. Le villageois vous confie son argent et ses choix, et cette confiance est "
                    "toute l’activité du point de service.\n"
                    "\n"
                    "**Étape par étape.**\n"
                    "1. Écoutez ce dont le villageois a besoin et ce qu’il peut dépenser : « un cuiseur à riz pour "
                    "cinq personnes, à moins de 300 yuans ».\n"
                    "2. Montrez deux ou trois possibilités sur le grand écran, avec le prix, les frais de port, la "
                    "note du vendeur et le délai de livraison. Laissez le villageois choisir ; ne poussez jamais "
                    "l’article qui vous rapporte le plus.\n"
                    "3. Relisez la commande à voix haute et notez-la : article, modèle, couleur, prix, frais de port, "
                    "total, date d’arrivée prévue.\n"
                    "4. Encaissez, remettez un reçu avec le numéro de commande, et passez la commande au nom du "
                    "villageois.\n"
                    "5. Dites au villageois quand le colis devrait arriver et comment il sera prévenu.\n"
                    "\n"
                    "**Les acomptes pour les gros articles.** Pour une machine à laver, un congélateur ou une machine "
                    "agricole, le point de service peut prendre un acompte tout de suite et le solde à la livraison, "
                    "selon les règles du centre d’exploitation de votre district. Exemple : une machine à laver coûte "
                    "2 400 yuans livrée. Le villageois verse un acompte de 500 yuans, inscrit sur un reçu signé par "
                    "vous deux. À la livraison, le villageois vérifie la machine et paie le solde : 2 400 - 500 = 1 "
                    "900 yuans. Si la commande est annulée parce que l’article ne peut pas être fourni, l’acompte est "
                    "rendu en entier, comme l’indique le reçu.\n"
                    "\n"
                    "**Les retours.** Avant de commander, expliquez si l’article peut être retourné et qui paie le "
                    "transport du retour. À la remise, aidez le villageois à examiner les gros articles avant de "
                    "signer, pour que tout dégât soit signalé immédiatement.\n"
                    "\n"
                    "**Ne mélangez jamais l’argent.** Les paiements et les acomptes des villageois ne sont pas votre "
                    "argent. Inscrivez chacun immédiatement et gardez-le à part de votre argent personnel."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Une machine à laver coûte 2 400 yuans livrée et le villageois a versé un acompte de "
                                "500 yuans. Que reste-t-il à payer à la livraison ?"
                            ),
                            "explanation": "2 400 - 500 = 1 900 yuans.",
                            "choices": [
                                {
                                    "text": "2 400 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "1 900 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "2 900 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "500 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Comment choisir entre plusieurs produits pour un villageois ?",
                            "explanation": (
                                "Le villageois choisit parmi des possibilités claires ; l’exploitant ne pousse jamais "
                                "l’article qui lui rapporte le plus."
                            ),
                            "choices": [
                                {
                                    "text": "Prendre l’article qui vous rapporte la plus forte commission",
                                    "correct": False,
                                },
                                {
                                    "text": "Toujours prendre le moins cher sans demander",
                                    "correct": False,
                                },
                                {
                                    "text": "Laisser le vendeur décider",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Montrer les possibilités avec le prix, la note et le délai de livraison, et "
                                        "laisser le villageois choisir"
                                    ),
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "L’article ne peut pas être fourni et la commande est annulée. Que devient l’acompte "
                                "dans l’exemple ?"
                            ),
                            "explanation": "L’acompte est rendu en entier, comme l’indique le reçu signé.",
                            "choices": [
                                {
                                    "text": "Il est rendu en entier, comme l’indique le reçu",
                                    "correct": True,
                                },
                                {
                                    "text": "Le point de service le garde comme frais",
                                    "correct": False,
                                },
                                {
                                    "text": "La moitié est rendue",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Livraison du second tronçon et codes de retrait",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Les colis destinés au village partent du vendeur vers un entrepôt du district, puis font le "
                    "second tronçon, dans le véhicule du centre d’exploitation, jusqu’à votre point de service, où les "
                    "villageois viennent les chercher. C’est à cette dernière étape que les colis sont le plus souvent "
                    "perdus, échangés ou remis à la mauvaise personne : elle demande donc une routine fixe.\n"
                    "\n"
                    "**Recevoir la livraison.**\n"
                    "- Comptez les colis avec le chauffeur, en les comparant à la liste de livraison, avant de "
                    "signer.\n"
                    "- Examinez chaque colis : dégâts, coins mouillés ou ruban adhésif ouvert. Photographiez tout "
                    "dégât et notez-le sur la liste avant le départ du chauffeur.\n"
                    "- Scannez ou saisissez chaque colis dans le système du point de service dès son arrivée. Le "
                    "système envoie au destinataire un avis avec un code de retrait.\n"
                    "- Rangez les colis en ordre sur des étagères, pas par terre, à l’abri de la pluie et du soleil. "
                    "Gardez au frais les aliments frais et appelez ces destinataires en premier.\n"
                    "\n"
                    "**Remettre un colis contre un code de retrait.**\n"
                    "1. Demandez au villageois le code de retrait reçu dans son message. C’est le villageois qui le "
                    "dit ou le montre ; ce n’est pas vous qui le lui lisez.\n"
                    "2. Trouvez le colis et vérifiez que le code et le nom correspondent.\n"
                    "3. Pour les articles de valeur, ou quand quelqu’un retire un colis pour une autre personne, "
                    "vérifiez l’identité comme vos règles l’exigent : la carte d’identité du destinataire, ou "
                    "l’autorisation du destinataire plus la propre carte d’identité de la personne qui retire.\n"
                    "4. Marquez tout de suite le colis comme retiré dans le système.\n"
                    "\n"
                    "**Apprenez aux villageois à garder le code secret.** Un code de retrait est comme une clé. Ils ne "
                    "doivent pas le publier dans les groupes de discussion ni le donner à quelqu’un qui appelle en se "
                    "disant du point de service ou d’un transporteur. Le personnel du point de service n’a jamais "
                    "besoin d’un code par téléphone, seulement au comptoir.\n"
                    "\n"
                    "**Les colis non retirés.** Relancez le destinataire au bout de 2 à 3 jours. Passé le délai fixé "
                    "par vos règles, renvoyez le colis par le système. N’ouvrez et n’utilisez jamais un colis non "
                    "retiré.\n"
                    "\n"
                    "**Les litiges.** Si un villageois dit qu’un colis manque alors que le système le montre comme "
                    "retiré, vérifiez l’heure, vos registres et les éventuelles images de la caméra, et signalez-le au "
                    "centre d’exploitation. Des registres soigneux protègent à la fois le villageois et vous."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": "Au comptoir, qui doit dire le code de retrait ?",
                            "explanation": (
                                "Le villageois donne le code de son propre message, ce qui prouve qu’il est le "
                                "destinataire."
                            ),
                            "choices": [
                                {
                                    "text": "L’exploitant, en le lisant dans le système",
                                    "correct": False,
                                },
                                {
                                    "text": "N’importe qui dans la file d’attente",
                                    "correct": False,
                                },
                                {
                                    "text": "Le villageois, à partir de son propre message",
                                    "correct": True,
                                },
                                {
                                    "text": "Le chauffeur du second tronçon",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Quelqu’un appelle un villageois, se dit du point de service et demande le code de "
                                "retrait. Le villageois doit…"
                            ),
                            "explanation": (
                                "Le personnel du point de service n’a jamais besoin d’un code de retrait par "
                                "téléphone, seulement au comptoir."
                            ),
                            "choices": [
                                {
                                    "text": "le donner, puisque le point de service en a besoin",
                                    "correct": False,
                                },
                                {
                                    "text": "le publier dans le groupe de discussion du village",
                                    "correct": False,
                                },
                                {
                                    "text": "refuser, car les codes ne servent qu’au comptoir",
                                    "correct": True,
                                },
                                {
                                    "text": "l’envoyer par SMS",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Un colis arrive avec un coin mouillé et abîmé. Que faire ?",
                            "explanation": (
                                "Noter le dégât avant le départ du chauffeur montre qu’il a eu lieu avant l’arrivée du "
                                "colis au point de service."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Le photographier et noter le dégât sur la liste avant le départ du chauffeur"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "L’accepter sans rien dire et le réparer",
                                    "correct": False,
                                },
                                {
                                    "text": "L’ouvrir pour vérifier le contenu",
                                    "correct": False,
                                },
                                {
                                    "text": "Refuser tous les colis de la journée",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Vendre les produits locaux vers l’extérieur",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Un point de service ne fait pas seulement entrer des marchandises au village. Il peut être la "
                    "porte du village vers les acheteurs de l’extérieur : collecter les produits chez les ménages, les "
                    "mettre en ligne, les emballer et les expédier. Beaucoup de villageois qui ont de bons produits "
                    "n’ont ni le temps ni le savoir-faire pour tenir une boutique, et vous pouvez vendre pour eux.\n"
                    "\n"
                    "**Mettez-vous clairement d’accord avec chaque ménage fournisseur** avant de prendre le moindre "
                    "produit, et notez :\n"
                    "- le produit et sa catégorie, par exemple piments séchés de catégorie A, sans moisissure ;\n"
                    "- le prix payé au kg, ou le prix de vente et votre commission ;\n"
                    "- quand vous payez, par exemple chaque dimanche pour les ventes de la semaine précédente ;\n"
                    "- ce que deviennent les invendus et les retours.\n"
                    "\n"
                    "**Pesez devant le fournisseur.** Utilisez une balance vérifiée, annoncez le poids à voix haute et "
                    "notez-le à la fois dans votre registre et sur un bon remis au fournisseur. Exemple : Mme Chen "
                    "apporte 12,5 kg de piments séchés au prix convenu de 36 yuans le kg ; une fois vendus, on lui "
                    "doit donc 12,5 x 36 = 450 yuans.\n"
                    "\n"
                    "**Contrôlez la qualité et étiquetez les lots.** Écartez les mauvais produits devant le "
                    "fournisseur, pas après son départ. Étiquetez chaque lot avec le nom du fournisseur et la date, "
                    "pour que toute réclamation puisse être retracée et réglée équitablement.\n"
                    "\n"
                    "**Emballez et expédiez bien.** Appliquez ce qu’enseigne le cours sur le développement de produits "
                    "pour la vente en ligne : des unités claires, un emballage testé, une expédition dans le délai "
                    "promis. Les colis au départ partent avec le véhicule du second tronçon ou avec un transporteur.\n"
                    "\n"
                    "**Soyez transparent sur l’argent.** Montrez à chaque fournisseur ce qui s’est vendu, à quel prix, "
                    "votre commission et ce qu’il reçoit. Si vous vendez les paquets de 1,5 kg d’un ménage 60 yuans "
                    "avec une commission convenue de 10 %, vous gardez 6 yuans et le ménage reçoit 54 yuans par "
                    "paquet. Payez le jour promis, à chaque fois : les paiements en retard ou peu clairs détruisent la "
                    "confiance plus vite que tout.\n"
                    "\n"
                    "**Soyez équitable entre les ménages.** Quand il y a plus de produits que de commandes, partagez "
                    "les ventes selon une règle claire, comme l’ordre de livraison, et expliquez-la à tous. Ne "
                    "favorisez pas vos proches."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Mme Chen apporte 12,5 kg de piments séchés à 36 yuans le kg. Combien lui doit-on une "
                                "fois vendus ?"
                            ),
                            "explanation": "12,5 x 36 = 450 yuans.",
                            "choices": [
                                {
                                    "text": "360 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "432 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "486 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "450 yuans",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Un paquet se vend 60 yuans avec une commission convenue de 10 %. Combien reçoit le "
                                "ménage ?"
                            ),
                            "explanation": (
                                "10 % de 60 font 6 yuans pour le point de service ; il reste 54 yuans pour le ménage."
                            ),
                            "choices": [
                                {
                                    "text": "6 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "54 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "50 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "60 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Quand faut-il écarter les mauvais produits ?",
                            "explanation": "Trier devant le fournisseur évite les disputes sur ce qui a été livré.",
                            "choices": [
                                {
                                    "text": "Devant le fournisseur, au moment de la livraison",
                                    "correct": True,
                                },
                                {
                                    "text": "Après le départ du fournisseur",
                                    "correct": False,
                                },
                                {
                                    "text": "Seulement quand un acheteur se plaint",
                                    "correct": False,
                                },
                                {
                                    "text": "À la fin de la saison",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Honnêteté, identité et registres",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Un point de service fonctionne sur la confiance. Les villageois vous confient de l’argent, des "
                    "informations personnelles et des colis ; les fournisseurs vous confient leur récolte ; le centre "
                    "d’exploitation et les services financiers proposés par les points de service s’appuient sur vos "
                    "registres. L’honnêteté et des registres bien tenus ne sont pas du travail en plus : c’est le "
                    "métier.\n"
                    "\n"
                    "**Tenez un registre quotidien,** sur papier ou dans le système du point de service, et inscrivez "
                    "chaque opération au moment où elle a lieu :\n"
                    "- achats assistés : date, villageois, article, montant payé, numéro de commande ;\n"
                    "- acomptes reçus et soldes payés ;\n"
                    "- colis reçus et retirés ;\n"
                    "- produits pris aux fournisseurs, et paiements versés ;\n"
                    "- factures payées et recharges faites pour les villageois.\n"
                    "\n"
                    "**Faites la clôture de la journée.** Chaque soir, comptez l’argent liquide et comparez-le au "
                    "registre. Si le registre indique 1 280 yuans reçus en espèces et 350 yuans versés, la caisse doit "
                    "contenir 1 280 - 350 = 930 yuans de plus que le matin. Trouvez tout écart et notez-le le jour "
                    "même ; ne le couvrez jamais en silence avec votre propre argent.\n"
                    "\n"
                    "**Protégez les informations personnelles.** Les numéros d’identité, les numéros de téléphone et "
                    "les adresses sont privés. Ne photocopiez pas les cartes d’identité sauf si une procédure l’exige, "
                    "ne donnez jamais de listes de villageois à des vendeurs, verrouillez l’ordinateur quand vous vous "
                    "éloignez, et n’utilisez jamais le compte ou l’identité d’un villageois pour vos propres "
                    "commandes.\n"
                    "\n"
                    "**Vérifiez l’identité quand les règles l’exigent :** colis de valeur, retrait pour quelqu’un "
                    "d’autre, gros acomptes, services financiers. Vérifiez tout le monde de la même façon, poliment, y "
                    "compris les proches et les responsables du village.\n"
                    "\n"
                    "**Évitez les conflits d’intérêts.** Ne poussez pas des produits parce qu’ils vous rapportent "
                    "plus, et ne faites pas payer de frais qui ne figurent pas sur la liste officielle des tarifs. "
                    "Affichez au mur la liste des tarifs du point de service.\n"
                    "\n"
                    "**Expliquez, mais laissez les villageois décider.** Quand vous aidez quelqu’un à demander un "
                    "service comme un micro-crédit, expliquez clairement les intérêts journaliers et la date de "
                    "remboursement. Ne faites jamais de demande au nom d’une personne sans sa présence et son accord.\n"
                    "\n"
                    "**Reconnaissez vos erreurs.** Corrigez le registre, prévenez la personne concernée et réparez. On "
                    "pardonne une erreur honnête, pas une erreur cachée."
                ),
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Le registre indique aujourd’hui 1 280 yuans reçus en espèces et 350 yuans versés. "
                                "Combien d’argent de plus la caisse doit-elle contenir par rapport à ce matin ?"
                            ),
                            "explanation": "1 280 - 350 = 930 yuans.",
                            "choices": [
                                {
                                    "text": "1 630 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "1 280 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "930 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "350 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Le comptage de la caisse ne correspond pas au registre. Que faire ?",
                            "explanation": "Les écarts doivent être trouvés et notés le jour même, jamais cachés.",
                            "choices": [
                                {
                                    "text": "Le couvrir avec votre propre argent sans rien dire",
                                    "correct": False,
                                },
                                {
                                    "text": "Trouver l’écart et le noter le jour même",
                                    "correct": True,
                                },
                                {
                                    "text": "Modifier le registre pour qu’il corresponde à la caisse",
                                    "correct": False,
                                },
                                {
                                    "text": "Attendre la fin du mois",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Quelle pratique protège les informations personnelles des villageois ?",
                            "explanation": (
                                "Verrouiller l’ordinateur garde les registres privés quand vous vous éloignez."
                            ),
                            "choices": [
                                {
                                    "text": "Donner les listes de téléphones des villageois à des vendeurs",
                                    "correct": False,
                                },
                                {
                                    "text": "Utiliser le compte d’un villageois pour vos propres commandes",
                                    "correct": False,
                                },
                                {
                                    "text": "Photocopier toutes les cartes d’identité pour vos propres dossiers",
                                    "correct": False,
                                },
                                {
                                    "text": "Verrouiller l’ordinateur quand vous vous éloignez",
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
        "slug": "microloan-borrowing-well",
        "title": "Bien emprunter et bien rembourser un micro-crédit",
        "summary": (
            "Comment les points de respectabilité ouvrent l’accès à des micro-crédits instantanés sans garantie, "
            "comment se calculent les intérêts journaliers sur le capital restant dû, pourquoi rembourser en avance ou "
            "en partie fait économiser de l’argent, et ce que coûtent les jours de retard."
        ),
        "audience": "villagers",
        "level": "beginner",
        "language": "fr",
        "lessons": [
            {
                "title": "Les points de respectabilité : quand la confiance ouvre l’accès au crédit",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Les banques ne prêtent en général aux agriculteurs que contre une garantie, comme une maison, des "
                    "droits sur la terre ou un garant, et après de longues démarches. Les micro-crédits liés au "
                    "commerce en ligne fonctionnent autrement : ils regardent comment vous avez vendu. Dans Taocun, "
                    "cela apparaît sous la forme de vos points de respectabilité, un score de confiance construit à "
                    "partir des faits que la plateforme connaît sur vous.\n"
                    "\n"
                    "**Ce qui fait monter vos points.** Les faits qui comptent le plus souvent :\n"
                    "- expédier les commandes dans le délai promis ;\n"
                    "- des descriptions honnêtes, qui se voient à travers peu de remboursements et de réclamations ;\n"
                    "- de bonnes notes des acheteurs ;\n"
                    "- des commandes régulières, mois après mois ;\n"
                    "- une identité vérifiée et des coordonnées à jour ;\n"
                    "- des prêts remboursés à temps ou en avance.\n"
                    "\n"
                    "**Ce qui les fait baisser.** Les expéditions en retard, de nombreux remboursements, les faux "
                    "avis, les litiges perdus et, surtout, les remboursements de prêt en retard. Taocun affiche votre "
                    "score point par point et explique pourquoi chaque point a été ajouté ou retiré, pour que vous "
                    "voyiez quoi améliorer.\n"
                    "\n"
                    "**Des points au prêt.** Quand vos points atteignent le niveau fixé par la politique de crédit, un "
                    "plafond de crédit apparaît, par exemple 5 000 yuans. Vous pouvez faire la demande sur votre "
                    "téléphone en quelques minutes, sans garantie ni rendez-vous, et l’argent arrive presque aussitôt. "
                    "Cette rapidité aide quand une occasion n’attend pas : acheter 500 poussins et leur nourriture "
                    "avant la saison, de l’emballage avant le « Double 11 », ou un nouveau congélateur quand l’ancien "
                    "tombe en panne.\n"
                    "\n"
                    "**Un plafond n’est pas un revenu.** Le plafond est le maximum que vous pouvez emprunter, pas de "
                    "l’argent que vous devez prendre. N’empruntez que ce dont un projet clair a besoin et que vous "
                    "pouvez rembourser. Prendre tout le plafond simplement parce qu’il est proposé est l’erreur la "
                    "plus fréquente.\n"
                    "\n"
                    "**Gardez vos points en bonne santé.** Vendez honnêtement, expédiez à l’heure, traitez les "
                    "réclamations et remboursez comme convenu. Les points montent lentement et tombent vite : un score "
                    "construit en deux ans peut perdre une grande partie de sa valeur après quelques semaines de "
                    "remboursements en retard."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Lequel de ces faits fait monter vos points de respectabilité ?",
                            "explanation": (
                                "Expédier à l’heure fait partie des faits commerciaux qui construisent la confiance."
                            ),
                            "choices": [
                                {
                                    "text": "Acheter de faux avis",
                                    "correct": False,
                                },
                                {
                                    "text": "Expédier les commandes dans le délai promis",
                                    "correct": True,
                                },
                                {
                                    "text": "Rembourser un prêt en retard",
                                    "correct": False,
                                },
                                {
                                    "text": "Perdre des litiges avec des acheteurs",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "On vous propose un plafond de 5 000 yuans, mais votre projet a besoin de 2 000 yuans. "
                                "Combien devez-vous emprunter ?"
                            ),
                            "explanation": (
                                "Un plafond est le maximum que vous pouvez emprunter, pas de l’argent à prendre : "
                                "empruntez ce dont le projet a besoin."
                            ),
                            "choices": [
                                {
                                    "text": "5 000 yuans, puisque c’est proposé",
                                    "correct": False,
                                },
                                {
                                    "text": "Rien : les prêts sont toujours mauvais",
                                    "correct": False,
                                },
                                {
                                    "text": "4 000 yuans, pour garder un peu d’argent d’avance",
                                    "correct": False,
                                },
                                {
                                    "text": "2 000 yuans, ce dont le projet a besoin",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Au lieu d’une garantie, que regarde un micro-crédit lié au commerce en ligne ?",
                            "explanation": (
                                "Le score est construit à partir de votre historique de ventes et de remboursements."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Votre historique commercial : expéditions, remboursements, notes et "
                                        "remboursements de prêts"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "La taille de votre maison",
                                    "correct": False,
                                },
                                {
                                    "text": "Le nombre de parents que vous avez en ville",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Les intérêts journaliers : ce que coûte vraiment un prêt",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Ces micro-crédits font payer des intérêts calculés jour par jour sur le capital que vous devez "
                    "encore, le capital restant dû. Un taux courant a été d’environ 0,05 % par jour. C’est le taux de "
                    "votre propre contrat qui compte : lisez-le toujours avant de confirmer.\n"
                    "\n"
                    "**Le calcul journalier.**\n"
                    "Intérêts du jour = capital restant dû x taux journalier.\n"
                    "0,05 %, c’est 0,0005. Sur 10 000 yuans : 10 000 x 0,0005 = 5,00 yuans par jour.\n"
                    "\n"
                    "**Les intérêts augmentent avec les jours.**\n"
                    "- 10 000 yuans pendant 30 jours : 5,00 x 30 = 150,00 yuans.\n"
                    "- 10 000 yuans pendant 90 jours : 5,00 x 90 = 450,00 yuans.\n"
                    "- 2 000 yuans pendant 7 jours : 2 000 x 0,0005 x 7 = 7,00 yuans.\n"
                    "- 6 000 yuans pendant 60 jours : 3,00 x 60 = 180,00 yuans.\n"
                    "\n"
                    "Comme les intérêts sont comptés chaque jour, vous ne payez que les jours où vous gardez vraiment "
                    "l’argent. Emprunter le jour où vous en avez besoin, et non une semaine avant, fait économiser de "
                    "l’argent.\n"
                    "\n"
                    "**Comparez avec un taux annuel.** 0,05 % par jour pendant 365 jours, c’est 0,05 x 365 = 18,25 % "
                    "par an, en intérêts simples. C’est plus que beaucoup de prêts bancaires, mais ce prêt est "
                    "instantané, ne demande aucune garantie et ne fait payer que les jours utilisés. Il convient aux "
                    "besoins courts, de quelques semaines ou de quelques mois, pas de plusieurs années.\n"
                    "\n"
                    "**Vérifiez que le projet rapporte plus que les intérêts.** Vous empruntez 6 000 yuans pour "
                    "acheter 500 poussins et leur nourriture, et vous vendez les poulets 60 jours plus tard. Intérêts "
                    ": 180,00 yuans. Si les poulets rapportent 9 000 yuans, après avoir remboursé 6 000 yuans de "
                    "capital et 180 yuans d’intérêts, il vous reste 2 820 yuans, avant les autres coûts comme les "
                    "vaccins et l’électricité. Puis demandez-vous : si une maladie tuait la moitié des poulets, "
                    "pourrais-je quand même rembourser ?\n"
                    "\n"
                    "**Connaissez le total avant d’emprunter.** Notez le montant, le taux journalier, le nombre de "
                    "jours prévu, les intérêts prévus, et d’où viendra le remboursement."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": "Combien d’intérêts coûtent 10 000 yuans à 0,05 % par jour pendant 30 jours ?",
                            "explanation": "10 000 x 0,0005 = 5,00 yuans par jour, et 5,00 x 30 = 150,00 yuans.",
                            "choices": [
                                {
                                    "text": "15,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "1 500,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "150,00 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "5,00 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Quels sont les intérêts du jour sur 6 000 yuans à 0,05 % par jour ?",
                            "explanation": "6 000 x 0,0005 = 3,00 yuans par jour.",
                            "choices": [
                                {
                                    "text": "30,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "0,30 yuan",
                                    "correct": False,
                                },
                                {
                                    "text": "3,00 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "6,00 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Pourquoi emprunter le jour où vous avez besoin de l’argent plutôt qu’une semaine "
                                "avant ?"
                            ),
                            "explanation": (
                                "Les intérêts sont comptés pour chaque jour où vous gardez l’argent : moins de jours "
                                "coûtent moins cher."
                            ),
                            "choices": [
                                {
                                    "text": "Les intérêts sont comptés chaque jour : moins de jours coûtent moins cher",
                                    "correct": True,
                                },
                                {
                                    "text": "Les prêts pris en avance sont refusés",
                                    "correct": False,
                                },
                                {
                                    "text": "Le taux est plus bas le week-end",
                                    "correct": False,
                                },
                                {
                                    "text": "Les intérêts sont les mêmes quel que soit le nombre de jours",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Rembourser en avance ou en partie : d’abord les intérêts, puis le capital",
                "minutes": 10,
                "video_url": "",
                "body": (
                    "Ces prêts peuvent être remboursés quand vous le voulez, en une fois ou en plusieurs fois, sans "
                    "attendre une échéance. Chaque yuan de capital remboursé en avance cesse de coûter des intérêts à "
                    "partir de ce jour-là.\n"
                    "\n"
                    "**L’ordre d’un remboursement : d’abord les intérêts, puis le capital.** Quand vous remboursez, "
                    "l’argent paie d’abord les intérêts accumulés depuis votre dernier remboursement, les intérêts "
                    "courus. Seul ce qui reste fait baisser le capital. Ensuite, les intérêts sont calculés sur le "
                    "nouveau capital, plus petit.\n"
                    "\n"
                    "**Exemple chiffré.** Vous empruntez 10 000 yuans à 0,05 % par jour.\n"
                    "- Au bout de 20 jours, les intérêts courus sont de 10 000 x 0,0005 x 20 = 100,00 yuans.\n"
                    "- Vous vendez un lot de chou fermenté et remboursez 3 100 yuans. Les premiers 100,00 yuans paient "
                    "les intérêts ; les 3 000,00 yuans restants ramènent le capital à 7 000,00 yuans.\n"
                    "- Les intérêts du jour sont maintenant de 7 000 x 0,0005 = 3,50 yuans.\n"
                    "- Dix jours plus tard, les intérêts courus sont de 3,50 x 10 = 35,00 yuans. Vous remboursez 7 "
                    "035,00 yuans : 35,00 yuans d’intérêts et 7 000,00 yuans de capital. Le prêt est soldé.\n"
                    "\n"
                    "Total des intérêts : 100,00 + 35,00 = 135,00 yuans. Garder les 10 000 yuans pendant les 30 jours "
                    "aurait coûté 150,00 yuans. Le remboursement partiel a fait économiser 15,00 yuans, soit 3 000 x "
                    "0,0005 x 10 jours.\n"
                    "\n"
                    "**Un petit remboursement peut ne payer que des intérêts.** Si au bout de 20 jours vous remboursez "
                    "seulement 80 yuans, tout va aux 100,00 yuans d’intérêts courus. Il reste 20 yuans d’intérêts à "
                    "payer et le capital est toujours de 10 000 yuans. Les petits paiements ne réduisent votre dette "
                    "que s’ils sont plus grands que les intérêts déjà accumulés.\n"
                    "\n"
                    "**Remboursez dès que l’argent rentre.** Les recettes d’un jour de marché ou d’une bonne semaine "
                    "en ligne peuvent aller directement au prêt. Tenez un tableau simple : date, montant remboursé, "
                    "part d’intérêts, part de capital, capital restant. Comparez-le au relevé de l’application."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "Vous devez 100,00 yuans d’intérêts courus sur 10 000 yuans de capital et remboursez 3 "
                                "100 yuans. Quel capital reste-t-il ?"
                            ),
                            "explanation": (
                                "100,00 yuans paient les intérêts, et les 3 000,00 yuans restants ramènent le capital "
                                "à 7 000,00 yuans."
                            ),
                            "choices": [
                                {
                                    "text": "6 900,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "7 100,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "10 000,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "7 000,00 yuans",
                                    "correct": True,
                                },
                            ],
                        },
                        {
                            "text": "Dans quel ordre un remboursement est-il affecté ?",
                            "explanation": (
                                "Les remboursements paient d’abord les intérêts courus, et seul le reste fait baisser "
                                "le capital."
                            ),
                            "choices": [
                                {
                                    "text": "D’abord au capital, puis aux intérêts",
                                    "correct": False,
                                },
                                {
                                    "text": "D’abord aux intérêts courus, puis au capital",
                                    "correct": True,
                                },
                                {
                                    "text": "Moitié aux intérêts, moitié au capital",
                                    "correct": False,
                                },
                                {
                                    "text": "Seulement au capital ; les intérêts se paient à la fin",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Au bout de 20 jours, les intérêts courus sur 10 000 yuans sont de 100,00 yuans et "
                                "vous remboursez 80 yuans. Que se passe-t-il ?"
                            ),
                            "explanation": (
                                "Les 80 yuans sont inférieurs aux intérêts courus : tout va aux intérêts et le capital "
                                "ne baisse pas."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Les 80 yuans paient tous des intérêts, et le capital est toujours de 10 000 "
                                        "yuans"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Le capital tombe à 9 920 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "Le prêt est soldé",
                                    "correct": False,
                                },
                                {
                                    "text": "Les 80 yuans vous sont rendus",
                                    "correct": False,
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Les jours de retard et emprunter sans danger",
                "minutes": 11,
                "video_url": "",
                "body": (
                    "Pouvoir rembourser à tout moment ne veut pas dire qu’il n’y a pas de date limite. Chaque prêt a "
                    "une échéance finale, ou des dates d’échéance convenues, fixées dans le contrat que vous acceptez "
                    "dans l’application. Chaque jour après une échéance où il reste de l’argent à payer est un jour de "
                    "retard, et les jours de retard vous coûtent de plusieurs façons.\n"
                    "\n"
                    "**Plus d’intérêts.** Les intérêts continuent de courir sur le capital que vous devez encore, et "
                    "beaucoup de contrats ajoutent des intérêts de retard sur les sommes échues. Supposons que votre "
                    "contrat fixe les intérêts de retard à 0,075 % par jour : 5 000 yuans en retard pendant 10 jours "
                    "coûtent alors 5 000 x 0,00075 x 10 = 37,50 yuans en plus des intérêts normaux. Vérifiez le vrai "
                    "chiffre dans votre propre contrat.\n"
                    "\n"
                    "**Moins de points de respectabilité.** Le retard de remboursement est l’un des faits négatifs qui "
                    "pèsent le plus dans le score de confiance. Quelques jours de retard peuvent réduire vos points et "
                    "votre plafond, ou bloquer complètement les nouveaux prêts.\n"
                    "\n"
                    "**Les fichiers de crédit.** Les prêteurs peuvent signaler les prêts en retard aux fichiers de "
                    "crédit, ce qui peut aussi compliquer vos futurs prêts bancaires.\n"
                    "\n"
                    "**Si des difficultés arrivent, agissez tôt.** Si un acheteur paie en retard ou que la récolte est "
                    "mauvaise, remboursez ce que vous pouvez avant l’échéance, car même une partie réduit le capital "
                    "et les intérêts, et demandez au prêteur, par l’application, quelles solutions existent. Ignorer "
                    "les rappels aggrave tout.\n"
                    "\n"
                    "**Les règles pour emprunter sans danger.**\n"
                    "- Empruntez pour quelque chose qui rapportera l’argent, à une date précise.\n"
                    "- Gardez un prêt petit par rapport à vos revenus : sachez combien de semaines de ventes le "
                    "rembourseront.\n"
                    "- Ne prenez jamais un nouveau prêt pour en rembourser un ancien ; c’est ainsi que les dettes "
                    "deviennent incontrôlables.\n"
                    "- N’empruntez jamais pour quelqu’un d’autre, et ne laissez personne utiliser votre téléphone ou "
                    "votre compte pour emprunter à votre nom.\n"
                    "- Toute personne qui appelle pour proposer d’augmenter votre plafond contre paiement, ou qui "
                    "demande votre code de vérification, est un escroc.\n"
                    "\n"
                    "**Prévoyez le remboursement avant d’emprunter.** Vous empruntez 3 000 yuans pour de l’emballage "
                    "et vous attendez 1 500 yuans de ventes nettes par semaine ? Prévoyez deux remboursements à une "
                    "semaine d’intervalle, bien avant l’échéance."
                ),
                "quiz": {
                    "pass_mark": 60,
                    "questions": [
                        {
                            "text": (
                                "Votre contrat fixe les intérêts de retard à 0,075 % par jour. Combien coûtent en plus "
                                "5 000 yuans en retard pendant 10 jours ?"
                            ),
                            "explanation": "5 000 x 0,00075 x 10 = 37,50 yuans.",
                            "choices": [
                                {
                                    "text": "3,75 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "375,00 yuans",
                                    "correct": False,
                                },
                                {
                                    "text": "37,50 yuans",
                                    "correct": True,
                                },
                                {
                                    "text": "25,00 yuans",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": "Vous ne pouvez pas tout rembourser avant l’échéance. Que faire ?",
                            "explanation": (
                                "Un remboursement partiel réduit le capital et les intérêts, et le prêteur peut "
                                "proposer des solutions si on le contacte tôt."
                            ),
                            "choices": [
                                {
                                    "text": "Ignorer les rappels jusqu’à avoir la somme entière",
                                    "correct": False,
                                },
                                {
                                    "text": (
                                        "Rembourser ce que vous pouvez avant l’échéance et contacter le prêteur par "
                                        "l’application"
                                    ),
                                    "correct": True,
                                },
                                {
                                    "text": "Prendre un nouveau prêt pour rembourser celui-ci",
                                    "correct": False,
                                },
                                {
                                    "text": "Demander à un ami d’emprunter à son nom pour vous",
                                    "correct": False,
                                },
                            ],
                        },
                        {
                            "text": (
                                "Quelqu’un vous appelle, propose d’augmenter votre plafond contre paiement et demande "
                                "votre code de vérification. C’est…"
                            ),
                            "explanation": (
                                "Les plafonds ne s’augmentent pas contre paiement, et aucun interlocuteur sérieux ne "
                                "demande votre code de vérification."
                            ),
                            "choices": [
                                {
                                    "text": "un service officiel du prêteur",
                                    "correct": False,
                                },
                                {
                                    "text": "une façon normale de gagner des points",
                                    "correct": False,
                                },
                                {
                                    "text": "une obligation annuelle",
                                    "correct": False,
                                },
                                {
                                    "text": "une escroquerie",
                                    "correct": True,
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
]
