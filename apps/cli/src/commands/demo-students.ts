/**
 * The students `coach demo` loads: three grades, three sets of interests, so their memories and
 * personas come out visibly different. Each exchange is a student's message and the coach's reply.
 */

export interface DemoExchange {
  student: string;
  coach: string;
}

export interface DemoConversation {
  title: string;
  exchanges: DemoExchange[];
}

export interface DemoStudent {
  /** The login name; the Backend adds a suffix to keep it unique ("Aarav-4821"). */
  name: string;
  grade: number;
  interests: string;
  conversations: DemoConversation[];
}

export const DEMO_STUDENTS: DemoStudent[] = [
  {
    name: 'Aarav',
    grade: 6,
    interests: 'space, rockets, dinosaurs',
    conversations: [
      {
        title: 'Why the Moon changes shape',
        exchanges: [
          {
            student: 'Why does the Moon change its shape every night?',
            coach:
              "Great thing to notice! Here's a clue: the Moon makes no light of its own, it reflects sunlight, and one half of it is always lit. So why might we see different amounts of that lit half on different nights?",
          },
          {
            student: "Is it because the Earth's shadow covers part of it?",
            coach:
              "Lots of people think that, and it's good reasoning! But the Earth's shadow only reaches the Moon during a lunar eclipse. Try this: in a dark room, shine a torch at a ball and walk around it. What do you see from different spots?",
          },
          {
            student: "So when the Moon is between us and the Sun we only see its dark side? That's the new moon!",
            coach:
              'Exactly, you worked it out yourself! At new moon the lit half faces away from us. Can you predict where the Moon has to be for a full moon?',
          },
        ],
      },
      {
        title: 'Rockets in space',
        exchanges: [
          {
            student: 'How can a rocket move in space if there is no air to push against?',
            coach:
              'Ooh, a real rocket-scientist question! Think about a balloon you blow up and let go. What comes out of the back, and which way does the balloon go?',
          },
          {
            student: 'The air rushes out backwards and the balloon flies forwards. So the rocket pushes its own gas?',
            coach:
              "Yes! The rocket pushes hot gas out of the back, and the gas pushes the rocket forward: every push has an equal push back. That is Newton's third law. Why do you think this works even better where there is no air?",
          },
        ],
      },
      {
        title: 'How old is a dinosaur fossil?',
        exchanges: [
          {
            student: 'How do scientists know how old a dinosaur fossil is?',
            coach:
              "Good detective question! Rock forms in layers, a bit like a stack of newspapers, with the oldest at the bottom. What could a fossil's layer tell us?",
          },
          {
            student: 'A fossil lower down is older! But how do they get the real number of years?',
            coach:
              'Some layers hold volcanic ash with tiny amounts of natural radioactive elements. They change into other elements at a steady speed, like a clock ticking. Measuring how much has changed tells scientists the age. What else do you know that works like a steady clock?',
          },
          {
            student: 'Are there dinosaur fossils in India too?',
            coach:
              'Yes! The Narmada valley has dinosaur bones and even nests of eggs, and Rajasaurus was named after fossils found there. If you could dig there for a day, what would you hope to find?',
          },
        ],
      },
    ],
  },
  {
    name: 'Meera',
    grade: 8,
    interests: 'kitchen science, the human body',
    conversations: [
      {
        title: 'Why bread rises',
        exchanges: [
          {
            student: 'Why does bread dough get bigger when you leave it for a while?',
            coach:
              'Nice kitchen observation! Yeast is a tiny living thing. It eats the sugars in the flour and breathes out a gas. Where do you think that gas goes inside the dough?',
          },
          {
            student: 'It gets trapped in bubbles, so the dough puffs up! Does it rise faster when it is warm?',
            coach:
              'Great prediction! Warmth makes yeast more active, but too much heat kills it. You could test it: three bottles with yeast, sugar and water at cold, warm and hot temperatures, each with a balloon on top. Which balloon do you think grows the most?',
          },
        ],
      },
      {
        title: 'Onions and tears',
        exchanges: [
          {
            student: "Why do onions make me cry when tomatoes don't?",
            coach:
              'When you cut an onion you break its cells, and two chemicals that were kept apart mix and make a gas that stings your eyes. Your eyes make tears to wash it away. Why might putting the onion in the fridge first help?',
          },
          {
            student: 'Because cold slows down the chemical reaction, so less gas is made?',
            coach:
              'Spot on! Cold slows most reactions down. A sharp knife helps too. Can you guess why a sharp knife would make you cry less than a blunt one?',
          },
          {
            student: 'A sharp knife breaks fewer cells, so less of the chemicals mix!',
            coach: 'Exactly, you are thinking like a food scientist. What other kitchen mysteries have you noticed?',
          },
        ],
      },
      {
        title: 'How vaccines work',
        exchanges: [
          {
            student: 'How does a vaccine teach my body to fight a disease?',
            coach:
              'Your immune system can remember germs it has met before. A vaccine shows it a harmless piece or a weakened version of a germ, like a wanted poster. What do you think happens when the real germ shows up later?',
          },
          {
            student: 'The body recognises it and attacks quickly. Then why do we need booster shots?',
            coach:
              'Some of that memory fades over time, and a booster reminds the immune system. Can you think of something you learn that also needs practice so you do not forget it?',
          },
          {
            student: "Like revising for exams! I forget formulas if I don't practise them.",
            coach:
              'That is a brilliant comparison: a booster is your immune system revising. Which subject do you find you need to revise most?',
          },
        ],
      },
    ],
  },
  {
    name: 'Kabir',
    grade: 10,
    interests: 'computers, maths, music',
    conversations: [
      {
        title: 'How computers store photos',
        exchanges: [
          {
            student: 'How does a computer store a photo if it only understands 0s and 1s?',
            coach:
              'A photo is a grid of tiny dots called pixels, and each pixel is three numbers: how much red, green and blue it has, from 0 to 255. How many bits do you think one of those numbers needs?',
          },
          {
            student: '8 bits, because 2 to the power 8 is 256.',
            coach:
              'Perfect. So a 12-megapixel photo needs 12 million pixels times 3 bytes, about 36 MB. But photos on your phone are only 3 or 4 MB. What do you think the phone is doing?',
          },
          {
            student: 'It compresses them? Maybe it leaves out details we cannot see?',
            coach:
              'Yes, that is the idea behind JPEG: it throws away detail our eyes barely notice. Where else might throwing away invisible detail be useful?',
          },
        ],
      },
      {
        title: 'Dividing by zero',
        exchanges: [
          {
            student: "Why can't we divide a number by zero? My calculator just says error.",
            coach:
              'Let us use what division means: 6 ÷ 2 = 3 because 3 × 2 = 6. So if 6 ÷ 0 had an answer, what number times 0 would have to give 6?',
          },
          {
            student: 'None, anything times zero is zero. So there is no answer at all!',
            coach:
              'Exactly. Now try 1 ÷ 0.1, 1 ÷ 0.01 and 1 ÷ 0.001. What happens to the answers as the divisor gets closer to zero?',
          },
        ],
      },
      {
        title: 'Guitar strings and notes',
        exchanges: [
          {
            student: 'Why do thinner guitar strings make higher notes?',
            coach:
              'A note is a vibration, and higher notes vibrate more times per second. Would a thin, light string or a thick, heavy one wobble back and forth faster?',
          },
          {
            student:
              'The thin one, because it is lighter. And pressing a fret makes the string shorter, so the note goes up?',
            coach:
              'You have got it. Press the 12th fret, exactly halfway, and the string vibrates twice as fast: one octave higher. What does that suggest about maths and music?',
          },
        ],
      },
    ],
  },
];
